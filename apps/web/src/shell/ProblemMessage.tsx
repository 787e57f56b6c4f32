import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
} from '@fluentui/react-components';
import { isApiProblem } from '../api/problem.ts';

/** An error shown where it happened, with the problem's title and detail and a way to try again. */
export function ProblemMessage({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const title = isApiProblem(error) ? error.title : 'Something went wrong';
  const detail = error instanceof Error ? error.message : String(error);
  return (
    <MessageBar intent="error" layout="multiline" role="alert">
      <MessageBarBody>
        <MessageBarTitle>{title}</MessageBarTitle>
        {detail !== title ? detail : null}
      </MessageBarBody>
      {onRetry ? (
        <MessageBarActions>
          <Button onClick={onRetry}>Try again</Button>
        </MessageBarActions>
      ) : null}
    </MessageBar>
  );
}
