import { useDocumentTitle } from '../router';

export default function Statistics() {
  useDocumentTitle('Statistics');
  return <h1>Statistics</h1>;
}
