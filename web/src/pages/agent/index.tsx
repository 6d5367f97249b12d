import { Route, Routes } from 'react-router';

/** The agent console's pages (filled in by the agent console work). */
export default function Console() {
  return (
    <Routes>
      <Route path="*" element={<p>agent</p>} />
    </Routes>
  );
}
