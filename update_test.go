package apigen

import "flag"

// update is -update, which rewrites the golden files of the packages that
// have some. This one has none, but declares the flag so that
// "go test ./... -update" runs here too rather than failing on it.
var _ = flag.Bool("update", false, "rewrite golden files (this package has none)")
