import { Route, Routes } from 'react-router';

/** The seller console's pages (filled in by the seller console work). */
export default function Console() {
  return (
    <Routes>
      <Route path="*" element={<p>seller</p>} />
    </Routes>
  );
}
