import type { Attachment } from '@chatroom/shared';
import { createContext } from 'preact';
import { useContext, useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../platform/i18n';
import { failureText } from './error-text';
import { formatBytes } from './file-size';
import { isInlineImage, ServerFiles } from './server-files';
import './attachments.css';

/** Where a view's messages fetch their files from; provided by the conversation view. */
export const FilesContext = createContext<ServerFiles | null>(null);

function useServerFiles(): ServerFiles {
  const files = useContext(FilesContext);
  if (!files) throw new Error('Attachments are shown inside a FilesContext provider.');
  return files;
}

/** A message's files: images as thumbnails that open full size, anything else as name, size and Download. */
export function Attachments({ files }: { files: Attachment[] | undefined }) {
  if (!files?.length) return null;
  return (
    <ul class="attachments" aria-label={t('filesLabel')}>
      {files.map((file) => (
        <li key={file.id}>{isInlineImage(file) ? <ImageAttachment file={file} /> : <FileAttachment file={file} />}</li>
      ))}
    </ul>
  );
}

/** The files of a message still in the outbox: uploaded already, shown by name until the server has the message. */
export function PendingAttachments({ files }: { files: Attachment[] | undefined }) {
  if (!files?.length) return null;
  return (
    <ul class="attachments pending" aria-label={t('filesLabel')}>
      {files.map((file) => (
        <li key={file.id} class="file-row">
          📎 <span class="file-name">{file.name}</span> <span class="muted">{formatBytes(file.size)}</span>
        </li>
      ))}
    </ul>
  );
}

/**
 * A file fetched with the token into a `blob:` URL (an <img> cannot send the token itself), once
 * `load` is true; the URL is revoked when the component goes, so its bytes are freed.
 */
function useBlobUrl(file: Attachment, load: boolean): { url: string | null; error: string | null } {
  const files = useServerFiles();
  const [url, setUrl] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!load) return;
    let made: string | null = null;
    let current = true;
    files.fetch(file).then(
      (blob) => {
        if (!current) return;
        made = URL.createObjectURL(blob);
        setUrl(made);
      },
      (failure: unknown) => current && setError(failureText(failure)),
    );
    return () => {
      current = false;
      if (made) URL.revokeObjectURL(made);
    };
  }, [files, file.id, load]);
  return { url, error };
}

/** True once the element has come near the visible part of the list: images load as they are scrolled to. */
function useNearView(element: { current: Element | null }): boolean {
  const [near, setNear] = useState(false);
  useEffect(() => {
    const target = element.current;
    if (!target || near) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) setNear(true);
    }, { rootMargin: '200px' });
    observer.observe(target);
    return () => observer.disconnect();
  }, [near]);
  return near;
}

function ImageAttachment({ file }: { file: Attachment }) {
  const box = useRef<HTMLButtonElement>(null);
  const { url, error } = useBlobUrl(file, useNearView(box));
  const [open, setOpen] = useState(false);
  // The server's width and height keep the place of an image that has not loaded yet, so the list does not jump.
  const shape = file.width && file.height ? { aspectRatio: `${file.width} / ${file.height}`, width: `${Math.min(file.width, 240)}px` } : undefined;
  return (
    <>
      <button
        ref={box}
        type="button"
        class="thumbnail"
        style={shape}
        aria-label={t('fileOpenFullSize', file.name)}
        title={`${file.name} · ${formatBytes(file.size)}`}
        disabled={!url}
        onClick={() => setOpen(true)}
      >
        {url ? <img src={url} alt={file.name} /> : <span class="muted">{error ? `${file.name}: ${error}` : file.name}</span>}
      </button>
      {open && url && <FullSize file={file} url={url} onClose={() => setOpen(false)} />}
    </>
  );
}

/**
 * The image at full size, over the view (Escape closes it). Shown in the page rather than in a new
 * tab: a `blob:` URL lives only as long as the page that made it, and the popup closes when a tab opens.
 */
function FullSize({ file, url, onClose }: { file: Attachment; url: string; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    dialog.current?.showModal();
  }, []);
  return (
    <dialog
      ref={dialog}
      class="full-size"
      aria-label={file.name}
      onClose={onClose}
      onClick={(event) => event.target === dialog.current && onClose()}
      onKeyDown={(event) => {
        // Escape is the dialog's: taken here, it does not also leave the conversation (App's Esc).
        if (event.key !== 'Escape') return;
        event.preventDefault();
        onClose();
      }}
    >
      <div class="bar">
        <span class="file-name">{file.name}</span>
        <a class="button secondary small" href={url} download={file.name}>
          {t('fileDownload')}
        </a>
        <button type="button" class="icon" aria-label={t('close')} onClick={onClose}>
          ✕
        </button>
      </div>
      <img src={url} alt={file.name} />
    </dialog>
  );
}

function FileAttachment({ file }: { file: Attachment }) {
  const files = useServerFiles();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const made = useRef<string | null>(null);
  useEffect(() => () => {
    if (made.current) URL.revokeObjectURL(made.current);
  }, []);

  async function download() {
    setError(null);
    setBusy(true);
    try {
      const url = made.current ?? URL.createObjectURL(await files.fetch(file));
      made.current = url;
      const link = document.createElement('a');
      link.href = url;
      link.download = file.name;
      link.click();
    } catch (failure) {
      setError(failureText(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <span class="file-row">
      📄 <span class="file-name" title={file.name}>
        {file.name}
      </span>{' '}
      <span class="muted">{formatBytes(file.size)}</span>{' '}
      <button type="button" class="secondary small" aria-label={t('fileDownloadNamed', file.name)} disabled={busy} onClick={() => void download()}>
        {t('fileDownload')}
      </button>
      {error && (
        <span class="error" role="alert">
          {error}
        </span>
      )}
    </span>
  );
}
