package processcompose

import "bytes"

// maxKeyCapacity bounds keyCapacity, so that a file of colons does not
// reserve more than a few megabytes before a key is read; a project with
// more keys grows its slice as it reads them.
const maxKeyCapacity = 1 << 15

// keyCapacity estimates how many keys reading files records, to reserve
// the project's Keys at once rather than growing them key by key: about
// one per colon (every key of a block mapping ends with one, and few values
// hold one), with a margin for environment entries, which have none.
func keyCapacity(files []File) int {
	n := 0
	for _, f := range files {
		n += bytes.Count(f.Content, []byte{':'})
	}
	return min(n+n/8+8, maxKeyCapacity)
}
