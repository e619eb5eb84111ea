package dotenv

import (
	"fmt"
	"strings"

	"github.com/pc2devenv/pc2devenv/internal/lazyre"
	"github.com/pc2devenv/pc2devenv/internal/sourcecheck"
	"github.com/pc2devenv/pc2devenv/ir"
)

// Dialect says whose rules a .env file is read by. The runners
// disagree (see the Procfile and .env reference): the one that ran the
// project decides which variables its processes got.
type Dialect int

const (
	// Foreman reads a .env file as foreman does: only lines
	// NAME=value, without spaces around "=" or an "export" prefix; a value
	// in single quotes is literal, one in double quotes has \n turned into
	// a newline and any other \x into x; no expansion, no multi-line
	// values.
	Foreman Dialect = iota
	// Godotenv reads a .env file as godotenv 1.5 does for
	// process-compose: an optional "export", NAME=value or NAME: value with
	// spaces allowed, quoted values that may span lines, " #" comments
	// after unquoted values, and $VAR expansion in unquoted and double
	// quoted values.
	Godotenv
)

// Var is one variable a .env file sets.
type Var struct {
	Name  string
	Value string
	Pos   ir.Pos
	// Expands is set when the runner expands references to other
	// variables in Value ($VAR or ${VAR}) when it loads the file.
	Expands bool
}

// File is what one .env file sets, in order. A name set twice
// appears twice; the later one wins.
type File struct {
	Path string
	Vars []Var
}

// Read reads a .env file by the dialect's rules. file is the name used in
// positions. Diagnostics never quote a value or a line of the file, which
// may hold secrets: they give the line and, where there is one, the
// variable's name.
func Read(file string, src []byte, dialect Dialect) (*File, ir.Diagnostics) {
	var diags ir.Diagnostics
	f := &File{Path: file}
	if !sourcecheck.CheckText(file, src, &diags) {
		return f, diags
	}
	if b, ok := sourcecheck.CutBOM(src); ok {
		src = b
		diags.Add(ir.Pos{File: file, Line: 1, Col: 1}, ir.IDDotenvLine,
			"the file starts with a UTF-8 byte-order mark, which the runners read as part of the first variable's name", "save the file without a byte-order mark")
	}
	text := strings.ReplaceAll(string(src), "\r\n", "\n")
	switch dialect {
	case Godotenv:
		readGodotenv(f, text, &diags)
	default:
		readForemanEnv(f, text, &diags)
	}
	if len(f.Vars) > sourcecheck.MaxItems {
		sourcecheck.TooMany(f.Vars[sourcecheck.MaxItems].Pos, "variables", &diags)
		f.Vars = f.Vars[:sourcecheck.MaxItems]
	}
	return f, diags
}

var (
	foremanEnvLine = lazyre.New(`^([A-Za-z_0-9]+)=(.*)$`)
	exportLine     = lazyre.New(`^\s*export\s+([A-Za-z_0-9]+)\s*=`)
	looseLine      = lazyre.New(`^\s*([A-Za-z_0-9.]+)\s*[=:]`)
)

// readForemanEnv reads text as foreman's Foreman::Env does.
func readForemanEnv(f *File, text string, diags *ir.Diagnostics) {
	for i, line := range strings.Split(text, "\n") {
		pos := ir.Pos{File: f.Path, Line: i + 1, Col: 1}
		trimmed := strings.TrimSpace(line)
		if trimmed == "" || strings.HasPrefix(trimmed, "#") {
			continue
		}
		m := foremanEnvLine.FindStringSubmatch(line)
		if m == nil {
			if e := exportLine.FindStringSubmatch(line); e != nil {
				diags.Add(pos, ir.IDDotenvExport,
					fmt.Sprintf("foreman ignores \"export %s=…\", devenv does not", e[1]),
					"")
				continue
			}
			what := "this line is not NAME=value"
			if l := looseLine.FindStringSubmatch(line); l != nil {
				what = fmt.Sprintf("the line setting %s is not NAME=value as foreman reads it (no spaces around \"=\", no \":\", a name of letters, digits and \"_\")", l[1])
			}
			diags.Add(pos, ir.IDDotenvLine, what+"; foreman ignores it", "")
			continue
		}
		name, val := m[1], m[2]
		switch {
		case len(val) >= 2 && val[0] == '\'' && val[len(val)-1] == '\'':
			val = val[1 : len(val)-1]
		case len(val) >= 2 && val[0] == '"' && val[len(val)-1] == '"':
			val = foremanUnescape(val[1 : len(val)-1])
		}
		f.Vars = append(f.Vars, Var{Name: name, Value: val, Pos: pos})
	}
}

// foremanUnescape applies foreman's rules for a double-quoted value:
// "\n" becomes a newline, then any other backslash escapes the character
// after it.
func foremanUnescape(s string) string {
	s = strings.ReplaceAll(s, `\n`, "\n")
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) && s[i+1] != '\n' {
			i++
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// readGodotenv reads text as godotenv 1.5's parser does, far enough to know
// the names and values it sets and where it fails. godotenv stops at the
// first error, and process-compose then loads nothing from the file.
func readGodotenv(f *File, text string, diags *ir.Diagnostics) {
	line := 1
	fail := func(l int, msg string) {
		diags.Add(ir.Pos{File: f.Path, Line: l, Col: 1}, ir.IDDotenvLine,
			msg+"; godotenv, which process-compose loads .env files with, fails there and process-compose loads none of the file", "")
	}
	for len(text) > 0 {
		// One statement: skip blank space and comment lines.
		rest := strings.TrimLeft(text, " \t\r\f\v")
		if rest == "" {
			return
		}
		switch rest[0] {
		case '\n':
			line++
			text = rest[1:]
			continue
		case '#':
			nl := strings.IndexByte(rest, '\n')
			if nl < 0 {
				return
			}
			line++
			text = rest[nl+1:]
			continue
		}
		start := line
		if after, ok := strings.CutPrefix(rest, "export"); ok && len(after) > 0 && (after[0] == ' ' || after[0] == '\t') {
			rest = strings.TrimLeft(after, " \t")
		}
		n := 0
		for n < len(rest) && (sourcecheck.IsNameByte(rest[n]) || rest[n] == '.') {
			n++
		}
		name := rest[:n]
		rest = strings.TrimLeft(rest[n:], " \t")
		if name == "" || rest == "" || rest[0] != '=' && rest[0] != ':' {
			// The name is not named: without a separator after it, it may
			// be a value, such as a token pasted on a line of its own.
			fail(start, "this line is not NAME=value (a name holds letters, digits, \"_\" and \".\")")
			return
		}
		rest = strings.TrimLeft(rest[1:], " \t")
		v := Var{Name: name, Pos: ir.Pos{File: f.Path, Line: start, Col: 1}}
		if rest != "" && (rest[0] == '\'' || rest[0] == '"') {
			q := rest[0]
			end := closingQuote(rest, q)
			if end < 0 {
				diags.Add(v.Pos, ir.IDDotenvQuote,
					fmt.Sprintf("the value of %s opens a quote that no later line closes; godotenv, which process-compose loads .env files with, fails there and process-compose loads none of the file", name), "")
				return
			}
			raw := rest[1:end]
			line += strings.Count(raw, "\n")
			if q == '"' {
				v.Value = godotenvUnescape(raw)
				v.Expands = strings.Contains(raw, "$")
			} else {
				v.Value = raw
			}
			rest = rest[end+1:]
			if nl := strings.IndexByte(rest, '\n'); nl >= 0 {
				rest = rest[nl:]
			} else {
				rest = ""
			}
		} else {
			nl := strings.IndexByte(rest, '\n')
			val := rest
			if nl >= 0 {
				val, rest = rest[:nl], rest[nl:]
			} else {
				rest = ""
			}
			if i := strings.Index(val, " #"); i >= 0 {
				val = val[:i]
			}
			v.Value = strings.TrimSpace(val)
			v.Expands = strings.Contains(v.Value, "$")
		}
		f.Vars = append(f.Vars, v)
		text = rest
	}
}

// closingQuote returns the index in s of the quote q that closes the one
// at s[0], or -1. A backslash escapes the next character in double quotes.
func closingQuote(s string, q byte) int {
	for i := 1; i < len(s); i++ {
		switch {
		case s[i] == '\\' && q == '"':
			i++
		case s[i] == q:
			return i
		}
	}
	return -1
}

// godotenvUnescape applies godotenv's escapes for double-quoted values.
func godotenvUnescape(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '\\' && i+1 < len(s) {
			i++
			switch s[i] {
			case 'n':
				b.WriteByte('\n')
			case 'r':
				b.WriteByte('\r')
			default:
				b.WriteByte(s[i])
			}
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}
