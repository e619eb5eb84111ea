package sourcecheck

import "strings"

// Suggest returns the known key closest to key, or "" when none is close
// enough to be a likely typo.
func Suggest(key string, known []string) string {
	norm := func(s string) string { return strings.ReplaceAll(strings.ToLower(s), "-", "_") }
	nkey := norm(key)
	best, bestDist := "", 0
	for _, k := range known {
		if norm(k) == nkey {
			return k
		}
	}
	limit := 2
	if len(key) <= 4 {
		limit = 1
	}
	var rows [3][]int
	for _, k := range known {
		// The distance is at least the difference in length: a key
		// that cannot be close enough, or beat the best so far, is not
		// measured (so a long key costs nothing).
		if diff := abs(len(key) - len(k)); diff > limit || best != "" && diff >= bestDist {
			continue
		}
		d := distanceRows(key, k, &rows)
		if best == "" || d < bestDist {
			best, bestDist = k, d
		}
	}
	if best != "" && bestDist <= limit {
		return best
	}
	return ""
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// Distance is the optimal-string-alignment edit distance between a and b:
// insertions, deletions, substitutions and swaps of neighbours cost one.
func Distance(a, b string) int {
	var rows [3][]int
	return distanceRows(a, b, &rows)
}

// distanceRows computes distance with three rows of the table, reused
// between calls.
func distanceRows(a, b string, rows *[3][]int) int {
	for i := range rows {
		if cap(rows[i]) < len(b)+1 {
			rows[i] = make([]int, len(b)+1)
		}
		rows[i] = rows[i][:len(b)+1]
	}
	prev2, prev, cur := rows[0], rows[1], rows[2]
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}
