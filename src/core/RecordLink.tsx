/**
 * A record's name as a link to its page (in whichever room shows it). The rooms' panels provide
 * the opener (JupyterLab's commands); without it, or without the room, the name is plain text.
 */
import React, { createContext, useContext } from 'react';

import { ILinkTarget, linkTarget, linkTitle, RecordRef } from './links';

/** Opens records' pages: `ILinkTarget`s run as JupyterLab commands. */
export interface IRecordOpener {
  /** Whether the room that shows this record is installed. */
  canOpen(target: ILinkTarget): boolean;
  open(target: ILinkTarget): void;
}

export const LinkContext = createContext<IRecordOpener | null>(null);

/** The opener of the rooms' links, over an application's command registry. */
export function commandOpener(commands: {
  hasCommand(id: string): boolean;
  execute(id: string, args?: ILinkTarget['args']): Promise<unknown>;
}): IRecordOpener {
  return {
    canOpen: target => commands.hasCommand(target.command),
    open: target => {
      void commands
        .execute(target.command, target.args)
        .catch(reason => console.warn('jupyter-smstudio: cannot open', target, reason));
    }
  };
}

export interface IRecordLinkProps {
  /** The record; null: plain text. */
  to: RecordRef | null;
  children: React.ReactNode;
  /** Tooltip; by default where the link goes. */
  title?: string;
  testId?: string;
}

/** A record's name that opens its page. */
export function RecordLink({ to, children, title, testId }: IRecordLinkProps): JSX.Element {
  const opener = useContext(LinkContext);
  const target = to ? linkTarget(to) : null;
  if (!to || !target || !opener?.canOpen(target)) {
    return (
      <span className="jp-smstudio-record-name" title={title} data-testid={testId}>
        {children}
      </span>
    );
  }
  return (
    <button
      type="button"
      className="jp-smstudio-link"
      data-testid={testId}
      data-link-command={target.command}
      title={title ?? linkTitle(to)}
      onClick={event => {
        // a link inside a table row opens its record, not the row's
        event.stopPropagation();
        opener.open(target);
      }}
      onKeyDown={event => event.stopPropagation()}
    >
      {children}
    </button>
  );
}

/** Open a record's page from code (a row's click); null without an opener. */
export function useOpenRecord(): ((ref: RecordRef) => void) | null {
  const opener = useContext(LinkContext);
  if (!opener) {
    return null;
  }
  return ref => {
    const target = linkTarget(ref);
    if (opener.canOpen(target)) {
      opener.open(target);
    }
  };
}
