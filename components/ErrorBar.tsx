import { MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import type { ErrorData } from '@/lib/errors/app-error';
import { sayError } from '@/lib/errors/phrase';

/** A failure in the admin's words, with the actions that fix it. */
export function ErrorBar({ title, error, actions }: { title: string; error: ErrorData; actions?: ReactNode }) {
  return (
    <div role="alert">
      <MessageBar intent="error" data-error-code={error.code} layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>{title}</MessageBarTitle>
          {sayError(error)}
        </MessageBarBody>
        {actions && <MessageBarActions>{actions}</MessageBarActions>}
      </MessageBar>
    </div>
  );
}
