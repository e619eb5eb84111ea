package behave

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// containerProgram is the stub that stands for the container engine on
// a compose project's source side (sourcerun.ContainerProgram).
const containerProgram = "container"

// containerValueFlags are the options of docker and podman run and exec
// that take a value as their next argument; every other option is taken
// as a switch, unless written --name=value.
var containerValueFlags = []string{
	"-e", "--env", "--env-file", "-w", "--workdir", "--name", "--network", "--net",
	"-p", "--publish", "-v", "--volume", "--add-host", "-u", "--user", "--entrypoint",
	"-h", "--hostname", "--restart", "-l", "--label", "--label-file", "--mount",
	"--cpus", "-m", "--memory", "--memory-swap", "--platform", "--pull", "--ulimit",
	"--cap-add", "--cap-drop", "--device", "--dns", "--expose", "--group-add",
	"--log-driver", "--log-opt", "--shm-size", "--stop-signal", "--stop-timeout",
	"--tmpfs", "--security-opt", "--volumes-from", "--link", "--ipc", "--pid",
	"--gpus", "--runtime", "--cpu-shares", "--network-alias", "--ip", "--mac-address",
	"--sysctl", "--userns", "--uts", "--cgroupns", "--detach-keys", "--health-cmd",
	"--health-interval", "--health-retries", "--health-timeout", "--health-start-period",
	"--pod", "--userns-uid-map", "--cidfile",
}

// normaliseContainer rewrites a recorded call of docker or podman that
// runs a container into the shape the compose source side records, so
// that the two compare: "run [OPTIONS] IMAGE ARGS..." becomes a call of
// containerProgram with [-w DIR] IMAGE [ENTRYPOINT] ARGS... and, as its
// environment, the container's (--env-file read from the call's
// directory, then -e NAME=value, and -e NAME taken from the engine's own
// environment env), as the comparison sees it against base (a PATH is
// not compared: the source side's is not either); "exec [OPTIONS] CONTAINER
// ARGS..." becomes exec ARGS... with the variables its -e flags set.
// The options that concern only the engine (--rm, --name, --network,
// --add-host, -p, -v, --user...) are left out. It returns false for any
// other call.
func normaliseContainer(ev Event, env map[string]string, root string, base map[string]string) (Event, bool) {
	if ev.Program != "docker" && ev.Program != "podman" || len(ev.Args) == 0 {
		return ev, false
	}
	args := ev.Args
	if args[0] == "container" && len(args) > 1 {
		args = args[1:]
	}
	verb := args[0]
	if verb != "run" && verb != "exec" {
		return ev, false
	}
	args = args[1:]
	var envFiles, envFlags []string
	var workdir, entrypoint string
	hasEntrypoint := false
	i := 0
	for ; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			i++
			break
		}
		if !strings.HasPrefix(a, "-") || a == "-" {
			break
		}
		name, value, inline := strings.Cut(a, "=")
		if !inline {
			if !slices.Contains(containerValueFlags, name) {
				continue // a switch
			}
			if i+1 >= len(args) {
				return ev, false
			}
			i++
			value = args[i]
		}
		switch name {
		case "-e", "--env":
			envFlags = append(envFlags, value)
		case "--env-file":
			envFiles = append(envFiles, value)
		case "-w", "--workdir":
			workdir = value
		case "--entrypoint":
			entrypoint, hasEntrypoint = value, true
		}
	}
	if i >= len(args) {
		return ev, false
	}
	vars := map[string]string{}
	for _, f := range envFiles {
		if !filepath.IsAbs(f) {
			f = filepath.Join(root, ev.Dir, f)
		}
		b, err := os.ReadFile(f)
		if err != nil {
			continue // the engine refuses to start: its status says so
		}
		for _, line := range strings.Split(string(b), "\n") {
			line = strings.TrimLeft(strings.TrimSuffix(line, "\r"), " \t")
			if line == "" || strings.HasPrefix(line, "#") {
				continue
			}
			setContainerVar(vars, line, env)
		}
	}
	for _, e := range envFlags {
		setContainerVar(vars, e, env)
	}
	out := Event{Program: containerProgram, Dir: ev.Dir}
	if verb == "exec" {
		// The container's name is the engine's: left out.
		out.Args = append([]string{"exec"}, args[i+1:]...)
	} else {
		if workdir != "" {
			out.Args = append(out.Args, "-w", workdir)
		}
		out.Args = append(out.Args, args[i])
		if hasEntrypoint && entrypoint != "" {
			out.Args = append(out.Args, entrypoint)
		}
		out.Args = append(out.Args, args[i+1:]...)
	}
	for k, v := range vars {
		if differs(k, v, base) {
			out.Env = append(out.Env, k+"="+v)
		}
	}
	slices.Sort(out.Env)
	return out, true
}

// setContainerVar sets a variable as docker's -e and --env-file do:
// NAME=value as written, NAME alone from the engine's environment when
// it is set there.
func setContainerVar(vars map[string]string, kv string, env map[string]string) {
	if k, v, ok := strings.Cut(kv, "="); ok {
		vars[k] = v
		return
	}
	if v, ok := env[kv]; ok {
		vars[kv] = v
	}
}
