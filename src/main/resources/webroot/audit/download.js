// Saving a file the page fetched: a blob: link is navigation, not a fetch, so the CSP allows it, and
// the bytes go to disk exactly as they came (a bundle must verify byte for byte).
export function saveBlob(blob, filename) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The browser reads the blob after the click returns: revoke only later.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
