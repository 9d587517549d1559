import { useDocumentTitle } from '../router';

export default function Deadlines() {
  useDocumentTitle('Deadlines');
  return <h1>Deadlines</h1>;
}
