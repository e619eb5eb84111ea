package sourcecheck

import "testing"

// distanceTable is the textbook full-table distance, to check the
// three-row one against.
func distanceTable(a, b string) int {
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(a)][len(b)]
}

func TestDistance(t *testing.T) {
	words := []string{"", "a", "ab", "ba", "abc", "acb", "depends_on", "depend_on", "dependson", "depends-on", "readiness_probe", "readyness_probe", "environment", "enviroment", "command", "comand", "commnad", "working_dir", "workdir", "ca", "abcd", "badc"}
	for _, a := range words {
		for _, b := range words {
			if got, want := Distance(a, b), distanceTable(a, b); got != want {
				t.Errorf("Distance(%q, %q) = %d, want %d", a, b, got, want)
			}
		}
	}
}

func TestSuggestTypos(t *testing.T) {
	known := []string{"command", "depends_on", "environment", "working_dir", "readiness_probe", "is_tty"}
	tests := map[string]string{
		"depend_on":       "depends_on",
		"Depends-On":      "depends_on",
		"enviroment":      "environment",
		"commnad":         "command",
		"readyness_probe": "readiness_probe",
		"istty":           "is_tty",
		"bogus":           "",
		"x":               "",
	}
	for key, want := range tests {
		if got := Suggest(key, known); got != want {
			t.Errorf("Suggest(%q) = %q, want %q", key, got, want)
		}
	}
}

func TestSuggest(t *testing.T) {
	known := []string{"depends_on", "command", "environment", "working_dir"}
	for in, want := range map[string]string{
		"depend_on":   "depends_on",
		"commnad":     "command",
		"Command":     "command",
		"depends-on":  "depends_on",
		"workingdir":  "working_dir",
		"ports":       "",
		"environment": "environment",
	} {
		if got := Suggest(in, known); got != want {
			t.Errorf("Suggest(%q) = %q, want %q", in, got, want)
		}
	}
}
