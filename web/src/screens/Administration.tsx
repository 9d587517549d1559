import { useDocumentTitle } from '../router';

export default function Administration() {
  useDocumentTitle('Administration');
  return <h1>Administration</h1>;
}
