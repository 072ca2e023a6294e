import type { ButtonHTMLAttributes } from 'react';

export interface PlainButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  appearance?: 'primary' | 'secondary';
  size?: 'small' | 'medium';
}

/**
 * Fluent's Button drawn by the popup's static stylesheet (entrypoints/popup/popup.css): the popup's first screen
 * runs no CSS-in-JS. A native button: keyboard, focus ring (:focus-visible) and disabled state come with it.
 */
export function PlainButton({ appearance = 'secondary', size = 'medium', className, type = 'button', ...rest }: PlainButtonProps) {
  const classes = ['button', appearance === 'primary' && 'button-primary', size === 'small' && 'button-small', className];
  return <button type={type} className={classes.filter(Boolean).join(' ')} {...rest} />;
}
