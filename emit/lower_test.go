package emit_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/pc2devenv/pc2devenv/emit"
	"github.com/pc2devenv/pc2devenv/emit/nix"
	"github.com/pc2devenv/pc2devenv/parse/processcompose"
)

// TestLowerProcess lowers small process-compose projects, most of them
// one process with one key, for a target, without the rules stage (no
// service is recognised) and without running anything: the Nix printed
// (after the header line) and the diagnostics' positions and IDs (their
// wording is the golden cases' concern). It gives feedback on a change to
// the lowering in a second; the golden cases in package convert check the
// whole pipeline.
func TestLowerProcess(t *testing.T) {
	tests := []struct {
		name   string
		target emit.Target
		// yaml are the processes of process-compose.yml, under
		// "processes:".
		yaml string
		// want is the output without its header line.
		want string
		// diags are the lowering's diagnostics, "line:col ID".
		diags []string
	}{
		{
			name:   "command",
			target: emit.Devenv2,
			yaml: `
  web:
    command: npm start
`,
			want: `
{
  processes.web = {
    exec = "npm start";
    restart.on = "never";
  };
}
`,
		},
		{
			name:   "environment list",
			target: emit.Devenv2,
			yaml: `
  web:
    command: npm start
    environment:
      - PORT=3000
      - "GREETING=hello world"
`,
			want: `
{
  processes.web = {
    exec = "npm start";
    env = {
      PORT = "3000";
      GREETING = "hello world";
    };
    restart.on = "never";
  };
}
`,
		},
		{
			name:   "working_dir",
			target: emit.Devenv2,
			yaml: `
  web:
    command: ./run
    working_dir: ./backend
`,
			want: `
{ config, ... }:

{
  processes.web = {
    exec = "./run";
    cwd = "${config.devenv.root}/backend";
    restart.on = "never";
  };
}
`,
		},
		{
			name:   "depends_on process_started",
			target: emit.Devenv2,
			yaml: `
  db:
    command: postgres
  web:
    command: npm start
    depends_on:
      db:
        condition: process_started
`,
			want: `
{
  processes.db = {
    exec = "postgres";
    restart.on = "never";
  };

  processes.web = {
    exec = "npm start";
    after = [ "devenv:processes:db@started" ];
    restart.on = "never";
  };
}
`,
		},
		{
			name:   "depends_on process_completed_successfully makes a task",
			target: emit.Devenv2,
			yaml: `
  migrate:
    command: ./migrate
  web:
    command: npm start
    depends_on:
      migrate:
        condition: process_completed_successfully
`,
			want: `
{
  tasks."pc:migrate".exec = "./migrate";

  processes.web = {
    exec = "npm start";
    after = [ "pc:migrate" ];
    restart.on = "never";
  };
}
`,
			diags: []string{"2:3 PC103"},
		},
		{
			name:   "depends_on process_completed_successfully under devenv 1",
			target: emit.Devenv1,
			yaml: `
  migrate:
    command: ./migrate
  web:
    command: npm start
    depends_on:
      migrate:
        condition: process_completed_successfully
`,
			want: `
{
  processes.migrate.exec = "./migrate";

  processes.web = {
    exec = "npm start";
    process-compose.depends_on.migrate.condition = "process_completed_successfully";
  };
}
`,
		},
		{
			name:   "process_healthy waits for readiness_probe exec",
			target: emit.Devenv2,
			yaml: `
  db:
    command: postgres
    readiness_probe:
      exec:
        command: pg_isready
      period_seconds: 2
  web:
    command: npm start
    depends_on:
      db:
        condition: process_healthy
`,
			want: `
{
  processes.db = {
    exec = "postgres";
    ready = {
      exec = "pg_isready";
      period = 2;
    };
    restart.on = "never";
  };

  processes.web = {
    exec = "npm start";
    after = [ "devenv:processes:db" ];
    restart.on = "never";
  };
}
`,
		},
		{
			name:   "readiness_probe http_get",
			target: emit.Devenv2,
			yaml: `
  web:
    command: npm start
    readiness_probe:
      http_get:
        host: 127.0.0.1
        port: 3000
        path: /health
      initial_delay_seconds: 5
`,
			want: `
{
  processes.web = {
    exec = "npm start";
    ready = {
      http = {
        get = {
          host = "127.0.0.1";
          port = 3000;
          path = "/health";
        };
      };
      initial_delay = 5;
    };
    restart.on = "never";
  };
}
`,
		},
		{
			name:   "liveness_probe has no equivalent",
			target: emit.Devenv2,
			yaml: `
  web:
    command: npm start
    liveness_probe:
      exec:
        command: curl -f localhost:3000
`,
			want: `
{
  processes.web = {
    exec = "npm start";
    restart.on = "never";
    # TODO(pc2devenv): liveness_probe of process "web": devenv 2 has no liveness probe (its watchdog is the nearest thing)
  };
}
`,
			diags: []string{"5:7 PC100"},
		},
		{
			name:   "liveness_probe passes through to process-compose",
			target: emit.Devenv2ProcessCompose,
			yaml: `
  web:
    command: npm start
    liveness_probe:
      exec:
        command: curl -f localhost:3000
`,
			want: `
{
  process.manager.implementation = "process-compose";

  processes.web = {
    exec = "npm start";
    restart.on = "never";
    process-compose.liveness_probe.exec.command = "curl -f localhost:3000";
  };
}
`,
		},
		{
			name:   "availability restart always",
			target: emit.Devenv2,
			yaml: `
  web:
    command: npm start
    availability:
      restart: always
`,
			want: `
{
  processes.web = {
    exec = "npm start";
    restart = {
      on = "always";
      max = null;
    };
  };
}
`,
		},
		{
			name:   "availability on_failure with max_restarts and backoff",
			target: emit.Devenv2,
			yaml: `
  web:
    command: npm start
    availability:
      restart: on_failure
      max_restarts: 3
      backoff_seconds: 2
`,
			want: `
{
  processes.web = {
    exec = "npm start";
    restart = {
      on = "on_failure";
      max = 3;
    };
    # TODO(pc2devenv): availability.backoff_seconds = 2 of process "web": devenv restarts without a delay
  };
}
`,
			diags: []string{"7:24 PC100"},
		},
		{
			name:   "availability exit_on_failure",
			target: emit.Devenv2,
			yaml: `
  web:
    command: npm start
    availability:
      restart: exit_on_failure
`,
			want: `
{
  processes.web = {
    exec = "npm start";
    # TODO(pc2devenv): availability.restart = "exit_on_failure" of process "web": devenv does not stop the environment when a process fails; the process is not restarted
    restart.on = "never";
  };
}
`,
			diags: []string{"5:16 PC107"},
		},
		{
			name:   "shutdown under devenv 2",
			target: emit.Devenv2,
			yaml: `
  web:
    command: ./server
    shutdown:
      command: ./server stop
      timeout_seconds: 10
      signal: 2
`,
			want: `
{
  processes.web = {
    exec = "./server";
    restart.on = "never";
    # TODO(pc2devenv): shutdown of process "web": devenv 2.2.2 has no shutdown options
  };
}
`,
			diags: []string{"5:7 PC100"},
		},
		{
			name:   "shutdown under devenv 1",
			target: emit.Devenv1,
			yaml: `
  web:
    command: ./server
    shutdown:
      command: ./server stop
      timeout_seconds: 10
      signal: 2
`,
			want: `
{
  processes.web = {
    exec = "./server";
    process-compose = {
      shutdown = {
        command = "./server stop";
        signal = 2;
        timeout_seconds = 10;
      };
    };
  };
}
`,
		},
		{
			name:   "disabled",
			target: emit.Devenv2,
			yaml: `
  web:
    command: npm start
    disabled: true
`,
			want: `
{
  processes.web = {
    exec = "npm start";
    restart.on = "never";
    start.enable = false;
  };
}
`,
		},
		{
			name:   "is_daemon with shutdown command",
			target: emit.Devenv2,
			yaml: `
  web:
    command: ./daemon start
    is_daemon: true
    shutdown:
      command: ./daemon stop
`,
			want: `
{
  processes.web = {
    exec = ''
      pc2devenv_dir=$PWD
      ./daemon start
      pc2devenv_stop() {
      cd "$pc2devenv_dir" || return
      ./daemon stop
      }
      trap pc2devenv_stop EXIT
      trap 'kill $! 2>/dev/null; exit 0' INT TERM
      sleep infinity & wait
    '';
    restart.on = "never";
  };
}
`,
			diags: []string{"4:16 PC114"},
		},
		{
			name:   "is_daemon under devenv 1",
			target: emit.Devenv1,
			yaml: `
  web:
    command: ./daemon start
    is_daemon: true
    shutdown:
      command: ./daemon stop
`,
			want: `
{
  processes.web = {
    exec = "./daemon start";
    process-compose = {
      shutdown.command = "./daemon stop";
      is_daemon = true;
    };
  };
}
`,
		},
		{
			name:   "replicas become processes",
			target: emit.Devenv2,
			yaml: `
  worker:
    command: ./worker
    replicas: 3
`,
			want: `
{
  processes.worker-0 = {
    exec = "./worker";
    env.PC_REPLICA_NUM = "0";
    restart.on = "never";
  };

  processes.worker-1 = {
    exec = "./worker";
    env.PC_REPLICA_NUM = "1";
    restart.on = "never";
  };

  processes.worker-2 = {
    exec = "./worker";
    env.PC_REPLICA_NUM = "2";
    restart.on = "never";
  };
}
`,
			diags: []string{"4:15 PC112"},
		},
		{
			name:   "replicas pass through to process-compose",
			target: emit.Devenv2ProcessCompose,
			yaml: `
  worker:
    command: ./worker
    replicas: 3
`,
			want: `
{
  process.manager.implementation = "process-compose";

  processes.worker = {
    exec = "./worker";
    restart.on = "never";
    process-compose.replicas = 3;
  };
}
`,
		},
		{
			name:   "replicas under devenv 1",
			target: emit.Devenv1,
			yaml: `
  worker:
    command: ./worker
    replicas: 3
`,
			want: `
{
  processes.worker = {
    exec = "./worker";
    process-compose.replicas = 3;
  };
}
`,
		},
		{
			name:   "namespace and description",
			target: emit.Devenv2,
			yaml: `
  web:
    command: npm start
    namespace: frontend
    description: the web app
`,
			want: `
{
  # the web app
  processes.web = {
    exec = "npm start";
    restart.on = "never";
    # TODO(pc2devenv): namespace = "frontend" of process "web": devenv 2 has no namespaces
  };
}
`,
			diags: []string{"4:5 PC100"},
		},
		{
			name:   "entrypoint",
			target: emit.Devenv2,
			yaml: `
  web:
    entrypoint: [python, -m, http.server, "8000"]
`,
			want: `
{
  processes.web = {
    exec = "python -m http.server 8000";
    restart.on = "never";
  };
}
`,
		},
		{
			name:   "several statements run with set +e",
			target: emit.Devenv2,
			yaml: `
  web:
    command: echo $HOME && cd sub; npm start
`,
			want: `
{
  processes.web = {
    exec = ''
      set +e
      echo $HOME && cd sub; npm start
    '';
    restart.on = "never";
  };
}
`,
			diags: []string{"3:14 PC106"},
		},
		{
			name:   "env_file is loaded by the command",
			target: emit.Devenv2,
			yaml: `
  web:
    command: npm start
    env_file: .env.web
`,
			want: `
{
  processes.web = {
    exec = ''
      if [ -f ./.env.web ]; then set -a; . ./.env.web; set +a; fi
      npm start
    '';
    restart.on = "never";
  };
}
`,
			diags: []string{"4:15 PC113"},
		},
		{
			name:   "is_tty and log_location",
			target: emit.Devenv2,
			yaml: `
  web:
    command: npm start
    is_tty: true
    log_location: ./web.log
`,
			want: `
{
  processes.web = {
    exec = "npm start";
    restart.on = "never";
    # TODO(pc2devenv): is_tty = true of process "web": devenv 2 runs processes without a terminal
    # TODO(pc2devenv): log_location = "./web.log" of process "web": devenv keeps process logs itself
  };
}
`,
			diags: []string{"4:5 PC100", "5:5 PC100"},
		},
		{
			name:   "is_tty and log_location under devenv 1",
			target: emit.Devenv1,
			yaml: `
  web:
    command: npm start
    is_tty: true
    log_location: ./web.log
`,
			want: `
{
  processes.web = {
    exec = "npm start";
    process-compose = {
      is_tty = true;
      log_location = "./web.log";
    };
  };
}
`,
		},
		{
			name:   "environment mapping",
			target: emit.Devenv2,
			yaml: `
  web:
    command: npm start
    environment:
      NODE_ENV: production
      DEBUG: "1"
`,
			want: `
{
  processes.web = {
    exec = "npm start";
    env = {
      NODE_ENV = "production";
      DEBUG = "1";
    };
    restart.on = "never";
  };
}
`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.target.String()+"/"+tt.name, func(t *testing.T) {
			src := "processes:" + tt.yaml
			proj, d := processcompose.Read("process-compose.yml", []byte(src))
			if d.HasErrors() {
				t.Fatalf("the source does not read: %v", d)
			}
			res := emit.Emit(proj, emit.Options{Target: tt.target})
			out, err := nix.Format(res.File)
			if err != nil {
				t.Fatal(err)
			}
			header, body, _ := strings.Cut(string(out), "\n")
			if want := emit.Header([]string{"process-compose.yml"}); header != want {
				t.Errorf("header %q, want %q", header, want)
			}
			if diff := cmp.Diff(strings.TrimPrefix(tt.want, "\n"), body); diff != "" {
				t.Errorf("output differs (-want +got):\n%s", diff)
			}
			var diags []string
			for _, d := range res.Diagnostics {
				diags = append(diags, fmt.Sprintf("%d:%d %s", d.Pos.Line, d.Pos.Col, d.ID))
			}
			if diff := cmp.Diff(tt.diags, diags); diff != "" {
				t.Errorf("diagnostics differ (-want +got):\n%s", diff)
			}
		})
	}
}
