import { render } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { App, createQueryClient } from '../App.tsx';

/** The whole app at a URL, with a fresh cache and no retries so failures show at once. */
export function renderApp(url: string) {
  const queryClient = createQueryClient();
  queryClient.setDefaultOptions({ queries: { retry: false, staleTime: Infinity } });
  return render(
    <MemoryRouter initialEntries={[url]}>
      <App queryClient={queryClient} />
    </MemoryRouter>,
  );
}
