package rules

import (
	"fmt"
	"strconv"
	"strings"
	"sync"

	"github.com/pc2devenv/pc2devenv/internal/lazyre"
	"github.com/pc2devenv/pc2devenv/ir"
)

// containerFlagKind says what an option of "docker run" means.
type containerFlagKind int

const (
	cUnsupported containerFlagKind = iota
	cPort
	cEnv
	cVolume
	cDrop
	cDetach
	// cNetwork is --network: host is what a devenv service runs on.
	cNetwork
)

type containerFlag struct {
	arg  bool
	kind containerFlagKind
	why  string
}

// containerFlags are the options of "docker run" and "podman run" the
// converter knows: what they mean, and which take a value. They are
// built when first needed: most projects run no container.
var containerFlags = sync.OnceValue(func() map[string]containerFlag {
	m := map[string]containerFlag{}
	add := func(f containerFlag, names ...string) {
		for _, n := range names {
			m[n] = f
		}
	}
	add(containerFlag{arg: true, kind: cPort}, "-p", "--publish")
	add(containerFlag{arg: true, kind: cEnv}, "-e", "--env")
	add(containerFlag{arg: true, kind: cVolume}, "-v", "--volume")
	add(containerFlag{arg: true, kind: cDrop, why: "the container's name; there is no container"}, "--name")
	add(containerFlag{kind: cDrop, why: "there is no container to remove"}, "--rm")
	add(containerFlag{kind: cDetach}, "-d", "--detach")
	add(containerFlag{kind: cDrop, why: "devenv gives no process a terminal"}, "-i", "--interactive", "-t", "--tty")
	add(containerFlag{kind: cDrop, why: "devenv supervises the process itself"}, "--init")
	add(containerFlag{arg: true, kind: cDrop, why: "no image is pulled"}, "--pull")
	add(containerFlag{arg: true, kind: cDrop, why: "devenv restarts the service's process on its own terms"}, "--restart")
	add(containerFlag{arg: true, why: "the service's environment cannot come from a file"}, "--env-file")
	add(containerFlag{arg: true, kind: cNetwork, why: "the service runs on the host's network"}, "--network", "--net")
	add(containerFlag{arg: true, kind: cDrop, why: "the service is reached on localhost"}, "--add-host")
	add(containerFlag{arg: true, why: "the service runs on the host's network"}, "--network-alias", "--ip", "--dns", "-h", "--hostname", "--expose")
	add(containerFlag{arg: true, why: "the service runs its own program"}, "--entrypoint")
	add(containerFlag{arg: true, why: "devenv runs the service as the user who runs devenv"}, "-u", "--user", "--userns")
	add(containerFlag{arg: true, why: "a container setting a devenv process has no equivalent of"},
		"--cap-add", "--cap-drop", "--mount", "--tmpfs", "-w", "--workdir", "-m", "--memory", "--cpus", "--shm-size",
		"--ulimit", "--platform", "-l", "--label", "--log-driver", "--log-opt", "--device", "--security-opt", "--pid",
		"--ipc", "--cidfile", "--stop-signal", "--stop-timeout", "--health-cmd", "--health-interval", "--health-retries",
		"--health-timeout", "--health-start-period", "--gpus", "--runtime", "--privileged")
	return m
})

// imageRef is a container image reference.
type imageRef struct {
	name string // without registry, "library/" and tag
	tag  string
}

// parseImage splits an image reference: [registry/]path[:tag][@digest].
func parseImage(s string) imageRef {
	s, _, _ = strings.Cut(s, "@")
	var ref imageRef
	if i := strings.LastIndexByte(s, ':'); i > strings.LastIndexByte(s, '/') {
		s, ref.tag = s[:i], s[i+1:]
	}
	parts := strings.Split(strings.ToLower(s), "/")
	if len(parts) > 1 && (strings.ContainsAny(parts[0], ".:") || parts[0] == "localhost") {
		parts = parts[1:]
	}
	if len(parts) > 1 && parts[0] == "library" {
		parts = parts[1:]
	}
	ref.name = strings.Join(parts, "/")
	return ref
}

type imageEntry struct {
	rule  *Rule
	image *Image
}

// images indexes Table's images by name, when first needed.
var images = sync.OnceValue(func() map[string]imageEntry {
	idx := map[string]imageEntry{}
	for _, r := range Table {
		for _, im := range r.Images {
			for _, n := range im.Names {
				idx[n] = imageEntry{r, im}
			}
		}
	}
	return idx
})

var shortBools = lazyre.New(`^-[dit]+$`)

// containerOpt is one option of docker run, kept until the image is
// known.
type containerOpt struct {
	w    word
	flag containerFlag
	val  *word
}

// recogniseContainer recognises "docker run IMAGE" and "podman run IMAGE"
// for a service's image.
func recogniseContainer(p *ir.Process, inv *invocation) (*match, *nearMiss) {
	engine := inv.program()
	args := inv.args[1:]
	if engine == "docker-compose" || len(args) > 0 && args[0].val == "compose" {
		return nil, &nearMiss{compose: true, evidence: "it runs " + engine + " compose",
			why: "the services it starts are defined in a compose file, which the converter does not read"}
	}
	if len(args) > 0 && args[0].val == "container" {
		args = args[1:]
	}
	if len(args) == 0 || args[0].val != "run" {
		return nil, nameMiss(p, "it runs "+engine+" but not "+engine+" run")
	}
	args = args[1:]
	var opts []containerOpt
	i := 0
	for ; i < len(args); i++ {
		w := args[i]
		if !w.lit {
			return nil, nameMiss(p, fmt.Sprintf("%s run has an argument known only when it runs: %s", engine, w.raw))
		}
		if !strings.HasPrefix(w.val, "-") {
			break
		}
		if shortBools.MatchString(w.val) && len(w.val) > 2 {
			for _, c := range w.val[1:] {
				opts = append(opts, containerOpt{w: word{val: "-" + string(c), raw: "-" + string(c), lit: true}, flag: containerFlags()["-"+string(c)]})
			}
			continue
		}
		name, val, hasEq := w.val, "", false
		if j := strings.IndexByte(w.val, '='); j > 0 && strings.HasPrefix(w.val, "--") {
			name, val, hasEq = w.val[:j], w.val[j+1:], true
		}
		f, ok := containerFlags()[name]
		if !ok && len(w.val) > 2 && w.val[1] != '-' {
			if g, ok2 := containerFlags()[w.val[:2]]; ok2 && g.arg {
				f, ok, name, val, hasEq = g, true, w.val[:2], w.val[2:], true
			}
		}
		if !ok {
			return nil, nameMiss(p, fmt.Sprintf("%s run has the option %s, which the converter does not know", engine, w.raw))
		}
		o := containerOpt{w: word{val: name, raw: name, lit: true}, flag: f}
		if f.arg {
			switch {
			case hasEq:
				o.val = &word{val: val, raw: val, lit: true}
			case i+1 < len(args):
				i++
				v := args[i]
				o.val = &v
			default:
				return nil, nameMiss(p, fmt.Sprintf("%s run has %s without a value", engine, w.raw))
			}
		}
		opts = append(opts, o)
	}
	if i >= len(args) {
		return nil, nameMiss(p, engine+" run names no image")
	}
	ref := parseImage(args[i].val)
	e, ok := images()[ref.name]
	if !ok {
		miss := nameMiss(p, fmt.Sprintf("it runs the image %s, which no devenv service runs", args[i].val))
		return nil, miss
	}
	r, im := e.rule, e.image
	m := &match{rule: r, proc: p, sh: inv.sh, env: inv.known, image: im, evidence: fmt.Sprintf("it runs the image %s with %s%s", args[i].val, engine, seenThrough(inv))}
	for _, o := range opts {
		if p.Container != "" && composeOwn(o) {
			continue
		}
		m.containerOption(im, o)
	}
	m.imageTag(im, ref)
	if rest := args[i+1:]; len(rest) > 0 {
		prog := im.Program
		switch {
		case prog == nil:
			m.unsupported(joinRaw(rest), fmt.Sprintf("the container runs this instead of %s", r.Title))
		case strings.HasPrefix(rest[0].val, "-") && rest[0].val != "-jar":
			m.parseArgs(prog, rest)
		case prog.Jar != "" && rest[0].val == "-jar" && len(rest) > 1 && strings.HasPrefix(rest[1].val, prog.Jar):
			m.parseArgs(prog, rest[2:])
		case containsName(prog.Names, rest[0].val):
			if !m.parseArgs(prog, rest[1:]) {
				m.unsupported(joinRaw(rest), fmt.Sprintf("the container runs this instead of %s", r.Title))
			}
		case len(prog.Sub) > 0 && rest[0].val == prog.Sub[0]:
			m.parseArgs(prog, rest)
		default:
			m.unsupported(joinRaw(rest), fmt.Sprintf("the container runs this instead of %s", r.Title))
		}
	}
	if m.collected != nil && len(m.collected.schema) > 1 {
		m.unsupported(strings.Join(m.collected.schema, ", "), m.service()+" takes one schema file or directory for the database, and the container mounts several")
	}
	if m.collected != nil && im.Build != nil {
		m.collected.pos = p.Command.Pos
		for _, f := range im.Build(m.collected) {
			m.add(f)
		}
	}
	m.processSettings(inv, true)
	return m, nil
}

// composeOwn reports whether o is one of the options the converter gives
// every docker-compose service's docker run (--rm, --name, --network
// host), which the compose file did not write, and which a devenv
// service needs no word about.
func composeOwn(o containerOpt) bool {
	switch o.w.val {
	case "--rm", "--name":
		return true
	case "--network":
		return o.val != nil && o.val.val == "host"
	}
	return false
}

func containsName(names []string, s string) bool {
	for _, n := range names {
		if n == s {
			return true
		}
	}
	return false
}

func joinRaw(ws []word) string {
	var s []string
	for _, w := range ws {
		s = append(s, w.raw)
	}
	return strings.Join(s, " ")
}

// containerOption applies one option of docker run.
func (m *match) containerOption(im *Image, o containerOpt) {
	what := o.w.raw
	if o.val != nil {
		what = what + " " + o.val.raw
	}
	switch o.flag.kind {
	case cDrop:
		m.drop(what, o.flag.why)
	case cNetwork:
		// A container on the host's network is reached as the service
		// is; its -p options, which docker then ignores, are read as
		// where it was meant to be reached, as a docker-compose file
		// publishes its ports.
		if o.val.lit && o.val.val == "host" {
			m.drop(what, m.service()+" runs on the host's network too")
			return
		}
		m.unsupported(what, "the service runs on the host's network")
	case cDetach:
		m.daemon = true
		m.drop(what, "devenv runs the process of "+m.service()+" in the foreground")
	case cUnsupported:
		m.unsupported(what, o.flag.why)
	case cPort:
		if !o.val.lit {
			m.unsupported(what, "its value is known only when the command runs")
			return
		}
		m.publish(im, what, o.val.val)
	case cEnv:
		if !o.val.lit {
			name, val, ok := "", ir.Text{}, false
			if o.val.text != nil {
				name, val, ok = splitAssign(o.val.text)
			}
			if !ok {
				m.unsupported(what, "its value is known only when the command runs")
				return
			}
			m.imageEnvWord(im, what, name, word{raw: val.Shell(), text: &val})
			return
		}
		name, val, ok := strings.Cut(o.val.val, "=")
		if !ok {
			found := false
			for _, v := range m.proc.Env {
				if s, lit := v.Value.Literal(); lit && v.Name == name {
					val, found = s, true
				}
			}
			if !found && m.env[name] {
				// A variable of the project's .env, which the process
				// got and passed on: the option refers to it.
				t := ir.Text{}
				t.AppendRef(&ir.VarRef{Raw: "$" + name, Name: name})
				m.imageEnvWord(im, what, name, word{raw: "$" + name, text: &t})
				return
			}
			if !found {
				m.unsupported(what, fmt.Sprintf("the container takes %s from the environment it is run in, which the converter cannot know", name))
				return
			}
			if m.passed == nil {
				m.passed = map[string]bool{}
			}
			m.passed[name] = true
		}
		m.imageEnv(im, what, name, val)
	case cVolume:
		if !o.val.lit {
			m.unsupported(what, "its value is known only when the command runs")
			return
		}
		parts := strings.Split(o.val.val, ":")
		if len(parts) < 2 {
			m.unsupported(what, "an anonymous volume")
			return
		}
		if im.InitScripts && initDir(parts[1]) {
			m.initMount(im, what, parts[0], strings.TrimSuffix(parts[1], "/"))
			return
		}
		for _, d := range im.Data {
			if strings.TrimSuffix(parts[1], "/") == d {
				m.drop(what, fmt.Sprintf("%s's data; devenv keeps the data of %s in $DEVENV_STATE", parts[0], m.service()))
				return
			}
		}
		m.unsupported(what, fmt.Sprintf("it mounts %s at %s in the container", parts[0], parts[1]))
	}
}

// imageEnv applies one variable of the container.
func (m *match) imageEnv(im *Image, what, name, val string) {
	m.imageEnvWord(im, what, name, word{val: val, raw: val, lit: true})
}

// imageEnvWord applies one variable of the container, whose value is a
// word: fixed, or referring to variables.
func (m *match) imageEnvWord(im *Image, what, name string, w word) {
	if a, ok := im.Env.Get(name); ok {
		m.do(a, what, name, []word{w})
		return
	}
	if !w.lit {
		for _, p := range im.EnvPrefixes {
			if strings.HasPrefix(name, p) {
				m.keepEnvRef(what, name, w)
				return
			}
		}
		m.unsupported(what, fmt.Sprintf("%s has no option for the image's variable %s, and its value is known only when the command runs", m.service(), name))
		return
	}
	val := w.val
	if im.DottedConf != "" && strings.Contains(name, ".") {
		m.option(what, im.DottedConf, ir.StringValue(name+": "+yamlScalar(val), ir.Pos{}), opLine)
		return
	}
	for _, p := range im.EnvPrefixes {
		if strings.HasPrefix(name, p) {
			m.keepEnv(what, name, val, ir.Pos{})
			return
		}
	}
	m.unsupported(what, fmt.Sprintf("%s has no option for the image's variable %s", m.service(), name))
}

// publish applies "-p [IP:]HOST:CONTAINER[/tcp]".
func (m *match) publish(im *Image, what, spec string) {
	spec, proto, _ := strings.Cut(spec, "/")
	if proto != "" && proto != "tcp" {
		m.unsupported(what, "it publishes a "+proto+" port")
		return
	}
	var ip, host, cont string
	if strings.HasPrefix(spec, "[") {
		j := strings.Index(spec, "]:")
		if j < 0 {
			m.unsupported(what, "the converter cannot read it")
			return
		}
		ip, spec = spec[1:j], spec[j+2:]
	}
	parts := strings.Split(spec, ":")
	switch len(parts) {
	case 1:
		m.unsupported(what, "docker picks the host port at random")
		return
	case 2:
		host, cont = parts[0], parts[1]
	case 3:
		ip, host, cont = parts[0], parts[1], parts[2]
	default:
		m.unsupported(what, "the converter cannot read it")
		return
	}
	c, err := strconv.Atoi(cont)
	if err != nil {
		m.unsupported(what, "it publishes a range of ports")
		return
	}
	if _, err := strconv.Atoi(host); err != nil {
		m.unsupported(what, "it publishes a range of ports")
		return
	}
	for _, ip2 := range im.Ports {
		if ip2.Container != c {
			continue
		}
		if m.published == nil {
			m.published = map[int]int{}
		}
		m.published[c], _ = strconv.Atoi(host)
		addr := ip
		if addr == "" {
			addr = "0.0.0.0"
		}
		if ip2.HostPort {
			m.do(ip2.Port, what, "", []word{{val: addr + ":" + host, raw: addr + ":" + host, lit: true}})
			return
		}
		m.do(ip2.Port, what, "", []word{{val: host, raw: host, lit: true}})
		switch {
		case ip2.Listen.Kind != Unsupported || ip2.Listen.Why != "":
			m.do(ip2.Listen, what, "", []word{{val: addr, raw: addr, lit: true}})
		default:
			m.note(ir.IDServiceDropped, ir.Note, fmt.Sprintf("%s of process %q: %s listens on its own address, not %s", what, m.proc.Name, m.service(), addr))
		}
		return
	}
	m.unsupported(what, fmt.Sprintf("%s does not listen on the container's port %d", m.service(), c))
}

var versionPrefix = lazyre.New(`^v?(\d+)(?:\.(\d+))?`)

// imageTag reads what an image's tag says: a package version, options.
func (m *match) imageTag(im *Image, ref imageRef) {
	if len(im.Tags) > 0 {
		ok := false
		for _, t := range im.Tags {
			if strings.HasPrefix(ref.tag, t) {
				ok = true
			}
		}
		if !ok {
			tag := ref.tag
			if tag == "" {
				tag = "latest"
			}
			m.unsupported(ref.name+":"+tag, m.service()+" runs other versions than this tag's")
			return
		}
	}
	for word, settings := range im.TagOptions {
		if strings.Contains(ref.tag, word) {
			for _, s := range settings {
				m.option(fmt.Sprintf("the tag %q", ref.tag), s.path, constValue(s.value, ir.Pos{}), opSet)
			}
		}
	}
	if len(im.Packages) == 0 {
		return
	}
	v := versionPrefix.FindStringSubmatch(ref.tag)
	if v == nil {
		m.noPackage(im, "the image has no version in its tag, so "+m.service()+" uses its default package")
		return
	}
	keys := []string{v[1]}
	if v[2] != "" {
		keys = []string{v[1] + "." + v[2], v[1]}
	}
	for _, k := range keys {
		if attr, ok := im.Packages[k]; ok {
			m.option(fmt.Sprintf("the tag %q", ref.tag), "package", ir.PackageValue(attr, ir.Pos{}), opSet)
			return
		}
	}
	m.noPackage(im, fmt.Sprintf("the converter knows no nixpkgs package for the tag %q, so %s uses its default package", ref.tag, m.service()))
}

// noPackage says that no package was chosen.
func (m *match) noPackage(im *Image, why string) {
	if im.NoPackage != "" {
		m.note(ir.IDServicePackage, ir.Warning, why+": "+im.NoPackage)
		return
	}
	m.note(ir.IDServicePackage, ir.Note, why)
}
