import { makeStyles } from '@fluentui/react-components';

/**
 * For every Fluent table: its layout is fixed (equal columns), so a long word (a sign-in name, a domain) or a button
 * wider than its column ran into the next column (issue #17). Words break anywhere rather than overflow; a button
 * shrinks to its column and wraps its words.
 */
export const useTableStyles = makeStyles({
  table: {
    '& td': { overflowWrap: 'anywhere' },
    '& th': { overflowWrap: 'anywhere' },
    '& td button': { minWidth: 0, maxWidth: '100%', height: 'auto' },
  },
});
