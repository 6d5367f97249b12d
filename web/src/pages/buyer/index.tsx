import { Route, Routes } from 'react-router';

/** The buyer console's pages (filled in by the buyer console work). */
export default function Console() {
  return (
    <Routes>
      <Route path="*" element={<p>buyer</p>} />
    </Routes>
  );
}
