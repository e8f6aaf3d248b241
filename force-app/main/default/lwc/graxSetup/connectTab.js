// The new tab the connect link opens in. Pop-up blockers allow a tab only while the click is being handled, so it is
// opened at once, empty, and pointed at the one-time URL when Apex returns it; when the browser refused the tab, the
// page shows the URL as a link instead.

/**
 * Opens an empty tab now (inside the click). Returns {show(url), close()}: show points the tab at url, cut off from
 * this page, and returns false when there is no tab to point (blocked or closed meanwhile).
 */
export function openConnectTab() {
  const tab = window.open('', '_blank');
  const usable = () => Boolean(tab) && !tab.closed;
  return {
    show(url) {
      if (!usable()) {
        return false;
      }
      tab.opener = null;
      tab.location.href = url;
      return true;
    },
    close() {
      if (usable()) {
        tab.close();
      }
    },
  };
}
