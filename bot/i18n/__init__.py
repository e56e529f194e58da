"""Languages: gettext catalogs, answer matching, script-based suggestion, right-to-left care."""
