import { Button } from '@mantine/core';
import { type InfiniteData, type UseInfiniteQueryResult, useInfiniteQuery } from '@tanstack/react-query';

/** One page of a keyset-paginated list as the API sends it: `nextCursor` is null on the last page. */
export type ListPage<T> = { items: T[]; nextCursor: string | null };

/**
 * A list the server sends a page at a time (its keyset cursor): the first page at once, the next
 * ones when asked (`ShowMore`). The key gets `'pages'` appended, so invalidating the plain list key
 * (a prefix) reloads it.
 */
export function usePagedList<T>(options: {
  queryKey: readonly unknown[];
  page: (cursor: string | undefined) => Promise<ListPage<T>>;
  enabled?: boolean;
}) {
  return useInfiniteQuery({
    queryKey: [...options.queryKey, 'pages'],
    queryFn: ({ pageParam }) => options.page(pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: options.enabled ?? true,
  });
}

/** Every item of the pages read so far, in order. */
export const pagedItems = <T,>(data: InfiniteData<ListPage<T>>): T[] => data.pages.flatMap((p) => p.items);

/** The "show more" button under a paged list; nothing once the last page is read. */
export function ShowMore({
  query,
  label,
}: {
  query: UseInfiniteQueryResult<InfiniteData<ListPage<unknown>>>;
  label: string;
}) {
  if (!query.hasNextPage) return null;
  return (
    <Button
      variant="default"
      onClick={() => void query.fetchNextPage()}
      loading={query.isFetchingNextPage}
      style={{ alignSelf: 'center' }}
    >
      {label}
    </Button>
  );
}
