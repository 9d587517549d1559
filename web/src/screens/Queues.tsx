import { useDocumentTitle } from '../router';

export default function Queues() {
  useDocumentTitle('Queues');
  return <h1>Queues</h1>;
}
