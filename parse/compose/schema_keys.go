package compose

import "sync"

// The keys the compose specification (compose-spec.json, as compose-go
// v2.16.2 embeds it) defines at each level, with the types it allows;
// TestSchemaKeys checks them against the schema.

// keySets holds the keys of each level.
type keySets struct {
	topKeys         map[string]kinds
	serviceKeys     map[string]kinds
	buildKeys       map[string]kinds
	healthcheckKeys map[string]kinds
	dependsOnKeys   map[string]kinds
	portKeys        map[string]kinds
	volumeKeys      map[string]kinds
	networkKeys     map[string]kinds
	volumeDefKeys   map[string]kinds
	secretKeys      map[string]kinds
	configKeys      map[string]kinds
	includeKeys     map[string]kinds
	deployKeys      map[string]kinds
}

// schemaKeys returns the keys of each level. It builds the maps on first
// use, so that a program that reads no compose file does not build them at
// start-up.
var schemaKeys = sync.OnceValue(func() *keySets {
	return &keySets{
		topKeys: map[string]kinds{
			"configs":  kMap,
			"include":  kList,
			"jobs":     kMap,
			"models":   kMap,
			"name":     kStr,
			"networks": kMap,
			"secrets":  kMap,
			"services": kMap,
			"version":  kStr,
			"volumes":  kMap,
		},

		serviceKeys: map[string]kinds{
			"annotations":         kList | kMap,
			"attach":              kBool | kStr,
			"blkio_config":        kMap,
			"build":               kMap | kStr,
			"cap_add":             kList,
			"cap_drop":            kList,
			"cgroup":              kStr,
			"cgroup_parent":       kStr,
			"command":             kList | kNull | kStr,
			"configs":             kList,
			"container_name":      kStr,
			"cpu_count":           kInt | kStr,
			"cpu_percent":         kInt | kStr,
			"cpu_period":          kFloat | kInt | kStr,
			"cpu_quota":           kFloat | kInt | kStr,
			"cpu_rt_period":       kFloat | kInt | kStr,
			"cpu_rt_runtime":      kFloat | kInt | kStr,
			"cpu_shares":          kFloat | kInt | kStr,
			"cpus":                kFloat | kInt | kStr,
			"cpuset":              kStr,
			"credential_spec":     kMap,
			"depends_on":          kList | kMap,
			"deploy":              kMap | kNull,
			"develop":             kMap | kNull,
			"device_cgroup_rules": kList,
			"devices":             kList,
			"dns":                 kList | kStr,
			"dns_opt":             kList,
			"dns_search":          kList | kStr,
			"domainname":          kStr,
			"entrypoint":          kList | kNull | kStr,
			"env_file":            kList | kStr,
			"environment":         kList | kMap,
			"expose":              kList,
			"extends":             kMap | kStr,
			"external_links":      kList,
			"extra_hosts":         kList | kMap,
			"gpus":                kList | kStr,
			"group_add":           kList,
			"healthcheck":         kMap,
			"hostname":            kStr,
			"image":               kStr,
			"init":                kBool | kStr,
			"ipc":                 kStr,
			"isolation":           kStr,
			"label_file":          kList | kStr,
			"labels":              kList | kMap,
			"links":               kList,
			"logging":             kMap,
			"mac_address":         kStr,
			"mem_limit":           kFloat | kInt | kStr,
			"mem_reservation":     kInt | kStr,
			"mem_swappiness":      kInt | kStr,
			"memswap_limit":       kFloat | kInt | kStr,
			"models":              kList | kMap,
			"network_mode":        kStr,
			"networks":            kList | kMap,
			"oom_kill_disable":    kBool | kStr,
			"oom_score_adj":       kInt | kStr,
			"pid":                 kNull | kStr,
			"pids_limit":          kFloat | kInt | kStr,
			"platform":            kStr,
			"ports":               kList,
			"post_start":          kList,
			"pre_start":           kList,
			"pre_stop":            kList,
			"privileged":          kBool | kStr,
			"profiles":            kList,
			"provider":            kMap,
			"pull_policy":         kStr,
			"pull_refresh_after":  kStr,
			"read_only":           kBool | kStr,
			"restart":             kStr,
			"runtime":             kStr,
			"scale":               kInt | kStr,
			"secrets":             kList,
			"security_opt":        kList,
			"shm_size":            kFloat | kInt | kStr,
			"stdin_open":          kBool | kStr,
			"stop_grace_period":   kStr,
			"stop_signal":         kStr,
			"storage_opt":         kMap,
			"sysctls":             kList | kMap,
			"tmpfs":               kList | kStr,
			"tty":                 kBool | kStr,
			"ulimits":             kMap,
			"umask":               kInt | kNull | kStr,
			"use_api_socket":      kBool,
			"user":                kStr,
			"userns_mode":         kStr,
			"uts":                 kStr,
			"volumes":             kList,
			"volumes_from":        kList,
			"working_dir":         kStr,
		},

		buildKeys: map[string]kinds{
			"additional_contexts": kList | kMap,
			"args":                kList | kMap,
			"cache_from":          kList,
			"cache_to":            kList,
			"context":             kStr,
			"dockerfile":          kStr,
			"dockerfile_inline":   kStr,
			"entitlements":        kList,
			"extra_hosts":         kList | kMap,
			"isolation":           kStr,
			"labels":              kList | kMap,
			"network":             kStr,
			"no_cache":            kBool | kStr,
			"no_cache_filter":     kList | kStr,
			"platforms":           kList,
			"privileged":          kBool | kStr,
			"provenance":          kBool | kStr,
			"pull":                kBool | kStr,
			"sbom":                kBool | kStr,
			"secrets":             kList,
			"shm_size":            kInt | kStr,
			"ssh":                 kList | kMap,
			"tags":                kList,
			"target":              kStr,
			"ulimits":             kMap,
		},

		healthcheckKeys: map[string]kinds{
			"disable":        kBool | kStr,
			"interval":       kStr,
			"retries":        kFloat | kInt | kStr,
			"start_interval": kStr,
			"start_period":   kStr,
			"test":           kList | kStr,
			"timeout":        kStr,
		},

		dependsOnKeys: map[string]kinds{
			"condition": kStr,
			"required":  kBool,
			"restart":   kBool | kStr,
		},

		portKeys: map[string]kinds{
			"app_protocol": kStr,
			"host_ip":      kStr,
			"mode":         kStr,
			"name":         kStr,
			"protocol":     kStr,
			"published":    kInt | kStr,
			"target":       kInt | kStr,
		},

		volumeKeys: map[string]kinds{
			"bind":        kMap,
			"consistency": kStr,
			"image":       kMap,
			"read_only":   kBool | kStr,
			"source":      kStr,
			"target":      kStr,
			"tmpfs":       kMap,
			"type":        kStr,
			"volume":      kMap,
		},

		networkKeys: map[string]kinds{
			"attachable":  kBool | kStr,
			"driver":      kStr,
			"driver_opts": kMap,
			"enable_ipv4": kBool | kStr,
			"enable_ipv6": kBool | kStr,
			"external":    kBool | kMap | kStr,
			"internal":    kBool | kStr,
			"ipam":        kMap,
			"labels":      kList | kMap,
			"name":        kStr,
		},

		volumeDefKeys: map[string]kinds{
			"driver":      kStr,
			"driver_opts": kMap,
			"external":    kBool | kMap | kStr,
			"labels":      kList | kMap,
			"name":        kStr,
		},

		secretKeys: map[string]kinds{
			"driver":          kStr,
			"driver_opts":     kMap,
			"environment":     kStr,
			"external":        kBool | kMap | kStr,
			"file":            kStr,
			"labels":          kList | kMap,
			"name":            kStr,
			"template_driver": kStr,
		},

		configKeys: map[string]kinds{
			"content":         kStr,
			"environment":     kStr,
			"external":        kBool | kMap | kStr,
			"file":            kStr,
			"labels":          kList | kMap,
			"name":            kStr,
			"template_driver": kStr,
		},

		includeKeys: map[string]kinds{
			"env_file":          kList | kStr,
			"path":              kList | kStr,
			"project_directory": kStr,
		},

		deployKeys: map[string]kinds{
			"endpoint_mode":   kStr,
			"labels":          kList | kMap,
			"mode":            kStr,
			"placement":       kMap,
			"replicas":        kInt | kStr,
			"resources":       kMap,
			"restart_policy":  kMap,
			"rollback_config": kMap,
			"update_config":   kMap,
		},
	}
})
