package main

import (
	"fmt"
	"slices"
	"strings"
)

// choiceValue is a string flag whose value is one of a fixed set. Its
// Choices method tells help and shell completion what the set is, as the
// conversion flags' values do.
type choiceValue struct {
	p       *string
	choices []string
	// what names the value in errors: "diagnostics format".
	what string
}

func (c *choiceValue) String() string {
	if c.p == nil {
		return ""
	}
	return *c.p
}

func (c *choiceValue) Type() string { return "string" }

func (c *choiceValue) Set(s string) error {
	if !slices.Contains(c.choices, s) {
		return fmt.Errorf("unknown %s %q (choose %s)", c.what, s, orList(c.choices))
	}
	*c.p = s
	return nil
}

// Choices lists the values Set accepts.
func (c *choiceValue) Choices() []string { return c.choices }

// orList joins words as "a, b or c".
func orList(words []string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " or " + words[len(words)-1]
}
