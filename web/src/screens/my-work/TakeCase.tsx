import { Button } from 'react-aria-components';
import { api, ok } from '../../api/client';
import { newIdempotencyKey } from '../../form-errors';

/**
 * "Ta ärendet" from a list row: the case becomes mine, through the case's own
 * step (with If-Match, so a case someone took meanwhile is refused, not taken twice).
 */
export function TakeCaseButton({
  item,
  onTaken,
  onError,
}: {
  item: { id: string; caseNumber: string; version: number };
  onTaken: (caseNumber: string) => void;
  onError: (error: unknown, caseNumber: string) => void;
}) {
  const take = async (): Promise<void> => {
    try {
      await ok(
        api.POST('/api/cases/{id}/steps/{step}', {
          params: { path: { id: item.id, step: 'take-case' } },
          body: {},
          headers: { 'If-Match': `"${item.version}"`, 'Idempotency-Key': newIdempotencyKey() },
        }),
      );
      onTaken(item.caseNumber);
    } catch (e) {
      onError(e, item.caseNumber);
    }
  };
  return (
    <Button aria-label={`Ta ärendet ${item.caseNumber}`} onPress={() => void take()}>
      Ta ärendet
    </Button>
  );
}
