package corpus

// OutletKey returns the form under which outlet names are compared:
// names that differ only in case or white space ("Fox News", "fox  news")
// have the same key. It is the rule an outlets file uses to match names
// and aliases, for other files that name outlets (labels, train and test
// lists) to match them the same way.
func OutletKey(name string) string { return foldName(name) }
