package processcompose

import "slices"

// misplaced maps keys people often write in the wrong object, or borrow
// from other tools, to where process-compose expects them.
var misplaced = map[string]string{
	"restart":          "availability.restart",
	"max_restarts":     "availability.max_restarts",
	"backoff_seconds":  "availability.backoff_seconds",
	"exit_on_end":      "availability.exit_on_end",
	"exit_on_failure":  `availability.restart: "exit_on_failure"`,
	"env":              "environment (a list of KEY=VALUE)",
	"cwd":              "working_dir",
	"workdir":          "working_dir",
	"stop_command":     "shutdown.command",
	"stop_signal":      "shutdown.signal",
	"healthcheck":      "readiness_probe",
	"depends":          "depends_on",
	"interval_seconds": "period_seconds",
	"timeout":          "timeout_seconds",
}

// fieldKind says how a process-compose key's value is typed, which
// decides how files are merged (process-compose's loader merges the Go
// structs it decodes with mergo) and which value counts as zero.
type fieldKind int

const (
	kString  fieldKind = iota // a string; "" is zero
	kBool                     // a boolean; false is zero
	kInt                      // a number; 0 is zero
	kStruct                   // an object with known keys, merged key by key
	kMap                      // a mapping of user-chosen names, merged by name
	kList                     // a list; a later file's items are appended
	kReplace                  // a list a later non-empty one replaces whole
	kEnv                      // a KEY=VALUE list merged by KEY
	kAny                      // any value: maps merged by key, lists appended
)

// field describes one key: its kind, the keys of an object, the value of
// a mapping's or a list's elements. whole says a kMap's values are
// replaced whole by a later file's, not merged.
//
// The tree rooted at fTop is process-compose's schema, as its loader reads
// files (process-compose v1.122.0): the keys it defines in each object are
// the fields of that object's field. Keys outside them are reported as
// unknown unless they start with "x-".
type field struct {
	kind   fieldKind
	fields map[string]*field
	elem   *field
	whole  bool
}

func obj(fields map[string]*field) *field { return &field{kind: kStruct, fields: fields} }

var (
	fString = &field{kind: kString}
	fBool   = &field{kind: kBool}
	fInt    = &field{kind: kInt}
	fAny    = &field{kind: kAny}
	fList   = &field{kind: kList, elem: fAny}
	fEnv    = &field{kind: kEnv}

	fLogConfig = obj(map[string]*field{
		"rotation": obj(map[string]*field{
			"directory": fString, "filename": fString, "max_size_mb": fInt,
			"max_backups": fInt, "max_age_days": fInt, "compress": fBool,
		}),
		"fields_order": fList, "disable_json": fBool, "timestamp_format": fString,
		"no_color": fBool, "no_metadata": fBool, "add_timestamp": fBool, "flush_each_line": fBool,
	})
	fExecProbe = obj(map[string]*field{"command": fString, "working_dir": fString})
	fHTTPProbe = obj(map[string]*field{
		"host": fString, "scheme": fString, "path": fString, "port": fString,
		"headers": {kind: kMap, elem: fString}, "status_code": fInt, "num_port": fInt,
	})
	fProbe = obj(map[string]*field{
		"exec": fExecProbe, "http_get": fHTTPProbe,
		"initial_delay_seconds": fInt, "period_seconds": fInt, "timeout_seconds": fInt,
		"success_threshold": fInt, "failure_threshold": fInt,
	})
	fDependency   = obj(map[string]*field{"condition": fString})
	fAvailability = obj(map[string]*field{
		"restart": fString, "backoff_seconds": fInt, "max_restarts": fInt,
		"exit_on_end": fBool, "exit_on_skipped": fBool,
	})
	fShutdown = obj(map[string]*field{
		"command": fString, "signal": fInt, "timeout_seconds": fInt,
		"parent_only": fBool, "send_keys": fString,
	})
	fProcess = obj(map[string]*field{
		"command": fString, "entrypoint": fList, "working_dir": fString,
		"environment": fEnv, "env_file": fString, "is_dotenv_disabled": fBool,
		"depends_on":      {kind: kMap, whole: true, elem: fDependency},
		"availability":    fAvailability,
		"readiness_probe": fProbe, "liveness_probe": fProbe, "ready_log_line": fString,
		"shutdown": fShutdown,
		"disabled": fBool, "is_disabled": fString, "is_daemon": fBool,
		"launch_timeout_seconds": fInt, "is_foreground": fBool, "is_tty": fBool,
		"is_interactive": fBool, "is_elevated": fBool, "description": fString,
		"namespace": {kind: kReplace}, "replicas": fInt,
		"vars":         {kind: kMap, elem: fAny},
		"log_location": fString, "log_configuration": fLogConfig,
		"disable_ansi_colors": fBool, "truncate_log": fBool, "is_template_disabled": fBool,
		"success_exit_codes": fList, "extends": fString,
		"schedule": obj(map[string]*field{
			"cron": fString, "timezone": fString, "interval": fString,
			"run_on_start": fBool, "max_concurrent": fInt,
		}),
		"watch": obj(map[string]*field{
			"paths": {kind: kReplace, elem: obj(map[string]*field{
				"path": fString, "include": fList, "exclude": fList,
			})},
			"debounce": fString, "cascade": fBool, "max_entries": fInt,
			"buffer_size": fInt, "disable_default_excludes": fBool,
		}),
		"mcp": obj(map[string]*field{
			"type": fString,
			"arguments": {kind: kList, elem: obj(map[string]*field{
				"name": fString, "type": fString, "description": fString,
				"required": fBool, "default": fString,
			})},
			"timeout": fString,
		}),
		"monitor_for": fString, "monitor_silence_threshold": fString, "name": fString,
	})
	fProcesses = &field{kind: kMap, elem: fProcess}
	fTop       = obj(map[string]*field{
		"version": fString, "name": fString,
		"processes":    fProcesses,
		"environment":  fEnv,
		"env_cmds":     {kind: kMap, elem: fString},
		"vars":         {kind: kMap, elem: fAny},
		"log_location": fString, "log_level": fString, "log_length": fInt,
		"log_configuration": fLogConfig, "log_format": fString,
		"shell": obj(map[string]*field{
			"shell_command": fString, "shell_argument": fString,
			"elevated_shell_command": fString, "elevated_shell_argument": fString,
		}),
		"is_strict": fBool, "disable_env_expansion": fBool, "is_tui_disabled": fBool,
		"extends": fString, "ordered_shutdown": fBool,
		"mcp_server": obj(map[string]*field{
			"host": fString, "port": fInt, "transport": fString, "timeout": fString,
			"expose_control_tools": fBool, "trusted_hosts": fList,
		}),
		"file_names": fList, "env_file_names": fList, "dot_env_vars": {kind: kMap, elem: fString},
	})
)

// child returns the description of key inside f: unknown and extension
// keys hold any value.
func (f *field) child(key string) *field {
	switch f.kind {
	case kStruct:
		if c, ok := f.fields[key]; ok {
			return c
		}
		return fAny
	case kMap:
		return f.elem
	}
	return fAny
}

// knownKeys returns the keys of an object, sorted.
func (f *field) knownKeys() []string {
	keys := make([]string, 0, len(f.fields))
	for k := range f.fields {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
