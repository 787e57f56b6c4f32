import { Body1, Title2 } from '@fluentui/react-components';
import { Link } from 'react-router';

export function NotFound() {
  return (
    <section aria-labelledby="page-title">
      <Title2 as="h1" id="page-title">
        Page not found
      </Title2>
      <Body1 as="p">
        Nothing lives at this address. <Link to="/">Go to the start page</Link>.
      </Body1>
    </section>
  );
}
