// Package devenvrun runs what a devenv.nix describes the way devenv 2.2.2
// runs it, for tests that compare the behaviour of a converted project
// with that of its source's runner: processes (under the native manager
// and under process-compose), tasks with their dependency graph, and
// scripts. The commands run for real, with bash, in a scratch directory,
// usually with the programs they call replaced by recording stubs
// (package stubs), through package procrun.
//
// The model follows ../shared/design.md, "Behaviour model". devenv has
// one engine, devenv-tasks, for processes and tasks, and so has this
// package (engine.go): one graph whose nodes are the tasks, the processes
// (each the task devenv:processes:NAME) and the services' processes, with
// one kind of edge ("after" and "before", with @started, @ready,
// @succeeded or @completed); one scheduler that starts every node whose
// edges are met, those that can start at the same moment at once, in an
// order a seed can permute; one way to run a task (task.go): its status
// check, then a script "#!bash", "set -e", its exec (a task with another
// binary drops the "set -e"), in its cwd, with the shell's environment
// and its env. "devenv up" (StartProcesses, processes.go) runs on it from
// the processes it starts, and stops them at the end: SIGTERM to each
// process group, then SIGKILL; "devenv tasks run" (RunTasks, tasks.go)
// runs on it from the tasks named, until they are done. Scripts run as
// "#!bash" and their exec with "$@" (RunScript).
package devenvrun

import (
	"encoding/json"
	"fmt"
	"strconv"
)

// Config is the part of an evaluated devenv module that devenv runs, as
// package nixeval returns it (EvalModule), decoded.
type Config struct {
	// Env is the top-level env, which every process, task and script
	// gets. devenv accepts any value there and exports it as text; see
	// Environ.
	Env map[string]any `json:"env"`
	// Dotenv is dotenv.enable and dotenv.filename.
	Dotenv *Dotenv `json:"dotenv"`
	// Process holds process.manager.implementation.
	Process struct {
		Manager struct {
			Implementation string `json:"implementation"`
		} `json:"manager"`
	} `json:"process"`
	Processes map[string]Process `json:"processes"`
	Tasks     map[string]Task    `json:"tasks"`
	Scripts   map[string]Script  `json:"scripts"`
	Services  map[string]any     `json:"services"`
	Raw       map[string]any     `json:"-"`
}

// Dotenv is devenv's dotenv integration.
type Dotenv struct {
	Enable bool `json:"enable"`
	// Filename is a string or a list of strings; see Files.
	Filename any `json:"filename"`
}

// Process is processes.<name>.
type Process struct {
	Exec  string            `json:"exec"`
	Cwd   *string           `json:"cwd"`
	Env   map[string]string `json:"env"`
	After []string          `json:"after"`
	// Before is the reverse of After: the named tasks or processes wait
	// for this one.
	Before  []string `json:"before"`
	Ready   *Ready   `json:"ready"`
	Restart *struct {
		On     *string `json:"on"`
		Max    *int    `json:"max"`
		Window *int    `json:"window"`
	} `json:"restart"`
	Start *struct {
		Enable *bool `json:"enable"`
	} `json:"start"`
	Ports map[string]struct {
		Allocate int `json:"allocate"`
		Value    int `json:"value"`
	} `json:"ports"`
	// ProcessCompose is the raw process-compose keys, read only by the
	// process-compose manager.
	ProcessCompose map[string]any `json:"process-compose"`
}

// Ready is a process's readiness check.
type Ready struct {
	Exec *string `json:"exec"`
	HTTP *struct {
		Get *struct {
			Host   *string `json:"host"`
			Port   int     `json:"port"`
			Path   *string `json:"path"`
			Scheme *string `json:"scheme"`
		} `json:"get"`
	} `json:"http"`
	InitialDelay     *int `json:"initial_delay"`
	Period           *int `json:"period"`
	ProbeTimeout     *int `json:"probe_timeout"`
	Timeout          *int `json:"timeout"`
	SuccessThreshold *int `json:"success_threshold"`
	FailureThreshold *int `json:"failure_threshold"`
}

// Task is tasks.<name>.
type Task struct {
	Exec   *string `json:"exec"`
	Status *string `json:"status"`
	// Binary, when set, runs Exec with that program instead of bash, and
	// without the "set -e" devenv puts before a bash exec.
	Binary      *string           `json:"binary"`
	After       []string          `json:"after"`
	Before      []string          `json:"before"`
	Cwd         *string           `json:"cwd"`
	Env         map[string]string `json:"env"`
	Description string            `json:"description"`
	ShowOutput  bool              `json:"showOutput"`
}

// Script is scripts.<name>.
type Script struct {
	Exec        string  `json:"exec"`
	Binary      *string `json:"binary"`
	Description string  `json:"description"`
}

// Decode reads an evaluated module (package nixeval's EvalModule) into a
// Config. Options devenvrun does not model stay in Raw only.
func Decode(module map[string]any) (*Config, error) {
	b, err := json.Marshal(module)
	if err != nil {
		return nil, err
	}
	var c Config
	if err := json.Unmarshal(b, &c); err != nil {
		return nil, fmt.Errorf("devenvrun: %v", err)
	}
	c.Raw = module
	return &c, nil
}

// Manager returns the process manager that runs the processes: "native"
// unless the module chooses another.
func (c *Config) Manager() string {
	if m := c.Process.Manager.Implementation; m != "" {
		return m
	}
	return "native"
}

// Files returns the .env files devenv loads, in order, when dotenv is
// enabled.
func (d *Dotenv) Files() []string {
	if d == nil || !d.Enable {
		return nil
	}
	switch f := d.Filename.(type) {
	case nil:
		return []string{".env"}
	case string:
		return []string{f}
	case []any:
		var files []string
		for _, x := range f {
			if s, ok := x.(string); ok {
				files = append(files, s)
			}
		}
		return files
	}
	return nil
}

// Environ returns the top-level env as devenv exports it: strings as they
// are, numbers and booleans as Nix's toString writes them.
func (c *Config) Environ() (map[string]string, error) {
	env := make(map[string]string, len(c.Env))
	for k, v := range c.Env {
		switch v := v.(type) {
		case string:
			env[k] = v
		case float64:
			env[k] = strconv.FormatFloat(v, 'f', -1, 64)
		case bool:
			if v {
				env[k] = "1"
			} else {
				env[k] = ""
			}
		default:
			return nil, fmt.Errorf("devenvrun: env.%s: a %T devenv would not export", k, v)
		}
	}
	return env, nil
}
