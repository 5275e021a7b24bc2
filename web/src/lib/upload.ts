import { errorFromBody, type ApiError } from "./api.js";
import type { DocumentItem } from "./types.js";

/** Uploads one file as multipart `file`, reporting progress (0–1); XHR because fetch has no upload progress. */
export function uploadDocument(
  file: File,
  onProgress: (fraction: number) => void,
): { promise: Promise<DocumentItem>; abort: () => void } {
  const xhr = new XMLHttpRequest();
  const promise = new Promise<DocumentItem>((resolve, reject) => {
    xhr.open("POST", "/api/documents");
    xhr.withCredentials = true;
    xhr.setRequestHeader("Accept", "application/json");
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    xhr.onload = () => {
      let body: unknown;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(body as DocumentItem);
      else reject(errorFromBody(xhr.status, body));
    };
    xhr.onerror = () =>
      reject(
        errorFromBody(0, {
          code: "NETWORK_ERROR",
          message: "Upload failed: cannot reach the server.",
        }),
      );
    xhr.onabort = () => reject(errorFromBody(0, { code: "ABORTED", message: "Upload cancelled." }));
    const form = new FormData();
    form.append("file", file, file.name);
    xhr.send(form);
  });
  return { promise, abort: () => xhr.abort() };
}

/** "1.2 MB", "340 KB", "12 B". */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return "";
  if (bytes < 1024) return `${String(bytes)} B`;
  if (bytes < 1024 * 1024) return `${String(Math.round(bytes / 1024))} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** Files the server accepts, so the picker offers them first. */
export const ACCEPTED_FILES =
  ".txt,.md,.markdown,.html,.htm,.pdf,text/plain,text/markdown,text/html,application/pdf";

export type { ApiError };
