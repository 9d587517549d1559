import { Button } from 'react-aria-components';
import { formatPageRange } from '../api/sv';

/**
 * Moves through a list the API gives a page at a time: where the page lies
 * ("Visar 1–50 av 1 234", read out when it changes) between Föregående and
 * Nästa. `label` names the list, so several pagers on a screen are told apart.
 */
export function Pager({
  label,
  list,
  onPage,
}: {
  label: string;
  list: { page: number; pageSize: number; total: number; items: unknown[] };
  onPage: (page: number) => void;
}) {
  const { page, pageSize, total, items } = list;
  const last = Math.max(1, Math.ceil(total / pageSize));
  if (page === 1 && last === 1) return null;
  return (
    <nav aria-label={label} className="pager">
      <Button isDisabled={page <= 1} onPress={() => onPage(Math.min(page - 1, last))}>
        Föregående
      </Button>
      <span aria-live="polite">{formatPageRange(page, pageSize, total, items.length)}</span>
      <Button isDisabled={page >= last} onPress={() => onPage(page + 1)}>
        Nästa
      </Button>
    </nav>
  );
}
