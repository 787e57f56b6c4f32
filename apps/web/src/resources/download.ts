/** Saves text as a file through a temporary object URL (no server round trip: the text is already here). */
export function downloadText(text: string, fileName: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked on a later task: the browser has taken the blob for the download by then.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
