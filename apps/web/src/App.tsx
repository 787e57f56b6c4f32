import { FluentProvider, Spinner, webDarkTheme, webLightTheme } from '@fluentui/react-components';
import { QueryClient, QueryClientProvider, useQueryClient } from '@tanstack/react-query';
import { Suspense, lazy, useEffect, type ReactNode } from 'react';
import { Route, Routes, useLocation } from 'react-router';
import { isApiProblem } from './api/problem.ts';
import { Home } from './pages/Home.tsx';
import { NotFound } from './pages/NotFound.tsx';
import { prefetchRoute } from './prefetch.ts';
import { NotifyProvider } from './shell/notify.tsx';
import { Shell } from './shell/Shell.tsx';
import { useTheme } from './shell/theme.ts';

// Pages load on demand so the first paint only carries the shell.
const EndpointsPage = lazy(() => import('./endpoints/EndpointsPage.tsx'));
const EndpointDetailPage = lazy(() => import('./endpoints/EndpointDetailPage.tsx'));
const NewEndpointPage = lazy(() =>
  import('./endpoints/EndpointEditPages.tsx').then((m) => ({ default: m.NewEndpointPage })),
);
const EditEndpointPage = lazy(() =>
  import('./endpoints/EndpointEditPages.tsx').then((m) => ({ default: m.EditEndpointPage })),
);
const ProfilesPage = lazy(() => import('./profiles/ProfilesPage.tsx'));
const ProfileDetailPage = lazy(() => import('./profiles/ProfileDetailPage.tsx'));
const NewProfilePage = lazy(() =>
  import('./profiles/ProfileEditPages.tsx').then((m) => ({ default: m.NewProfilePage })),
);
const EditProfilePage = lazy(() =>
  import('./profiles/ProfileEditPages.tsx').then((m) => ({ default: m.EditProfilePage })),
);
const DataflowsPage = lazy(() => import('./dataflows/DataflowsPage.tsx'));
const BuilderPage = lazy(() => import('./builder/BuilderPage.tsx'));
const TopologyPage = lazy(() => import('./topology/TopologyPage.tsx'));
const DataflowDetailPage = lazy(() => import('./dataflows/DataflowDetailPage.tsx'));
const OverviewPage = lazy(() => import('./overview/OverviewPage.tsx'));
const ImportExportPage = lazy(() => import('./transfer/ImportExportPage.tsx'));

export function createQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 10_000,
        // A 4xx will not get better by asking again; network and 5xx failures might.
        retry: (count, error) =>
          !(isApiProblem(error) && error.status >= 400 && error.status < 500) && count < 2,
      },
    },
  });
}

function Page({ children }: { children: ReactNode }) {
  return <Suspense fallback={<Spinner label="Loading page…" />}>{children}</Suspense>;
}

/**
 * Routes (react-router v7 in declarative mode: a small, well-known router whose URL-first model gives
 * every page a deep link; data loading stays with TanStack Query).
 */
export function AppRoutes({ theme }: { theme: ReturnType<typeof useTheme> }) {
  const queryClient = useQueryClient();
  const { pathname } = useLocation();
  useEffect(() => prefetchRoute(queryClient, pathname), [queryClient, pathname]);
  return (
    <Routes>
      <Route path="/" element={<Home />} />
      <Route path="/instances/:instance" element={<Shell theme={theme} />}>
        <Route
          index
          element={
            <Page>
              <OverviewPage />
            </Page>
          }
        />
        <Route
          path="endpoints"
          element={
            <Page>
              <EndpointsPage />
            </Page>
          }
        />
        {['endpoints/new', 'endpoints/new/:flavour'].map((path) => (
          <Route
            key={path}
            path={path}
            element={
              <Page>
                <NewEndpointPage />
              </Page>
            }
          />
        ))}
        <Route
          path="endpoints/:name"
          element={
            <Page>
              <EndpointDetailPage />
            </Page>
          }
        />
        <Route
          path="endpoints/:name/edit"
          element={
            <Page>
              <EditEndpointPage />
            </Page>
          }
        />
        <Route
          path="dataflows"
          element={
            <Page>
              <DataflowsPage />
            </Page>
          }
        />
        <Route
          path="dataflows/topology"
          element={
            <Page>
              <TopologyPage />
            </Page>
          }
        />
        {['dataflows/new', 'dataflows/:name/edit'].map((path) => (
          <Route
            key={path}
            path={path}
            element={
              <Page>
                <BuilderPage />
              </Page>
            }
          />
        ))}
        <Route
          path="dataflows/:name"
          element={
            <Page>
              <DataflowDetailPage />
            </Page>
          }
        />
        <Route
          path="profiles"
          element={
            <Page>
              <ProfilesPage />
            </Page>
          }
        />
        <Route
          path="profiles/new"
          element={
            <Page>
              <NewProfilePage />
            </Page>
          }
        />
        <Route
          path="profiles/:name"
          element={
            <Page>
              <ProfileDetailPage />
            </Page>
          }
        />
        <Route
          path="profiles/:name/edit"
          element={
            <Page>
              <EditProfilePage />
            </Page>
          }
        />
        <Route
          path="import-export"
          element={
            <Page>
              <ImportExportPage />
            </Page>
          }
        />
        <Route path="*" element={<NotFound />} />
      </Route>
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}

/** The app without a router, so tests can wrap it in a MemoryRouter and main.tsx in a BrowserRouter. */
export function App({ queryClient }: { queryClient: QueryClient }) {
  const theme = useTheme();
  return (
    <QueryClientProvider client={queryClient}>
      <FluentProvider theme={theme.dark ? webDarkTheme : webLightTheme}>
        <NotifyProvider>
          <AppRoutes theme={theme} />
        </NotifyProvider>
      </FluentProvider>
    </QueryClientProvider>
  );
}
