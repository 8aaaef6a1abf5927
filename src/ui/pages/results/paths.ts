/** Addresses of the results pages, so that links and redirects agree. */
export const resultPaths = {
  list: (filters: { organizationId?: string | undefined; fiscalYear?: number | undefined } = {}) => {
    const params = new URLSearchParams();
    if (filters.organizationId) params.set('org', filters.organizationId);
    if (filters.fiscalYear) params.set('year', String(filters.fiscalYear));
    const query = params.toString();
    return query ? `/results?${query}` : '/results';
  },
  entry: (organizationId: string, fiscalYear: number) => `/results/${organizationId}/${fiscalYear}/entry`,
  import: (organizationId: string, fiscalYear: number) => `/results/${organizationId}/${fiscalYear}/import`,
  analysis: (id: string) => `/results/analyses/${id}`,
};
