import { useQuery } from '@tanstack/react-query';
import { api, queryKeys } from '../../api.ts';

/**
 * What waits for the signed-in person (GET /api/home), shared by the home page and the menu counts:
 * one request, fetched again when the window regains focus and after every successful change
 * (AppLayout invalidates it).
 */
export function useHome() {
  return useQuery({
    queryKey: queryKeys.home,
    queryFn: api.home.get,
    refetchOnWindowFocus: true,
    staleTime: 15_000,
  });
}
