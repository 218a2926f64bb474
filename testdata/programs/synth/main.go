// Command synth writes synthetic profiles (synth.pb.gz, synth2.pb.gz, synth-nolabels.pb.gz) using
// profile.proto fields the Go runtime never fills (comments, doc_url, units, columns...), deterministically.
package main

import (
	"flag"
	"log"
	"os"
	"path/filepath"
	"time"

	"github.com/google/pprof/profile"
)

var outDir = flag.String("out", ".", "directory to write the profiles into")

// builder hands out IDs and remembers functions and locations by name.
type builder struct {
	p     *profile.Profile
	funcs map[string]*profile.Function
	locs  map[string]*profile.Location
}

func newBuilder(p *profile.Profile) *builder {
	return &builder{p: p, funcs: map[string]*profile.Function{}, locs: map[string]*profile.Location{}}
}

func (b *builder) mapping(m *profile.Mapping) *profile.Mapping {
	m.ID = uint64(len(b.p.Mapping) + 1)
	b.p.Mapping = append(b.p.Mapping, m)
	return m
}

func (b *builder) function(name, systemName, file string, start int64) *profile.Function {
	f := &profile.Function{ID: uint64(len(b.p.Function) + 1), Name: name, SystemName: systemName, Filename: file, StartLine: start}
	b.p.Function = append(b.p.Function, f)
	b.funcs[name] = f
	return f
}

// frame is one line of a location: function name, line and column.
type frame struct {
	fn   string
	line int64
	col  int64
}

// location adds a location under key; frames go from the innermost (inlined) to the outermost.
func (b *builder) location(key string, m *profile.Mapping, addr uint64, frames ...frame) {
	l := &profile.Location{ID: uint64(len(b.p.Location) + 1), Mapping: m, Address: addr}
	for _, fr := range frames {
		f, ok := b.funcs[fr.fn]
		if !ok {
			log.Fatalf("unknown function %q", fr.fn)
		}
		l.Line = append(l.Line, profile.Line{Function: f, Line: fr.line, Column: fr.col})
	}
	b.p.Location = append(b.p.Location, l)
	b.locs[key] = l
}

// sample adds a sample whose stack is given leaf first by location keys.
func (b *builder) sample(values []int64, labels map[string]string, nums map[string]int64, units map[string]string, keys ...string) {
	s := &profile.Sample{Value: values}
	for _, k := range keys {
		l, ok := b.locs[k]
		if !ok {
			log.Fatalf("unknown location %q", k)
		}
		s.Location = append(s.Location, l)
	}
	for k, v := range labels {
		if s.Label == nil {
			s.Label = map[string][]string{}
		}
		s.Label[k] = []string{v}
	}
	for k, v := range nums {
		if s.NumLabel == nil {
			s.NumLabel = map[string][]int64{}
		}
		s.NumLabel[k] = []int64{v}
		if u, ok := units[k]; ok {
			if s.NumUnit == nil {
				s.NumUnit = map[string][]string{}
			}
			s.NumUnit[k] = []string{u}
		}
	}
	b.p.Sample = append(b.p.Sample, s)
}

// rng is a tiny deterministic generator so the output never changes.
type rng struct{ x uint64 }

func (r *rng) next(n int) int {
	r.x = r.x*6364136223846793005 + 1442695040888963407
	return int((r.x >> 33) % uint64(n))
}

// synthProfile builds synth.pb.gz; with variant set it builds synth2.pb.gz, a later snapshot of
// the same server (other sample values, no vDSO frames, more JSON work) to diff against it.
func synthProfile(variant bool) *profile.Profile {
	start := time.Date(2024, time.March, 1, 12, 30, 0, 0, time.UTC)
	if variant {
		start = start.Add(time.Hour)
	}
	p := &profile.Profile{
		SampleType: []*profile.ValueType{
			{Type: "requests", Unit: "count"},
			{Type: "latency", Unit: "nanoseconds"},
		},
		DefaultSampleType: "latency",
		PeriodType:        &profile.ValueType{Type: "wall", Unit: "nanoseconds"},
		Period:            1000000,
		TimeNanos:         start.UnixNano(),
		DurationNanos:     (12*time.Second + 500*time.Millisecond).Nanoseconds(),
		Comments: []string{
			"synthetic profile written by gotune testdata/programs/synth",
			"second comment: request latency by endpoint",
			"third comment with a tab\tand unicode: µs ≥ 1",
		},
		DocURL:     "https://example.com/synthd/profiling.html",
		DropFrames: "alloc_hook_.*|tracer::.*",
		KeepFrames: "alloc_hook_keep",
	}
	b := newBuilder(p)

	bin := b.mapping(&profile.Mapping{
		Start: 0x400000, Limit: 0x800000, Offset: 0, File: "/usr/local/bin/synthd", BuildID: "5ynth0000000000000000000000000000000001",
		HasFunctions: true, HasFilenames: true, HasLineNumbers: true, HasInlineFrames: true,
	})
	lib := b.mapping(&profile.Mapping{
		Start: 0x7f0000000000, Limit: 0x7f0000100000, Offset: 0x1000, File: "/opt/synth/lib/libsynth.so", BuildID: "11b5ynth",
		HasFunctions: true,
	})
	vdso := b.mapping(&profile.Mapping{
		Start: 0x7fff00000000, Limit: 0x7fff00002000, File: "[vdso]",
	})

	const (
		mainGo   = "/src/synthd/main.go"
		serverGo = "/src/synthd/server/server.go"
		dbGo     = "/src/synthd/db/db.go"
		cacheGo  = "/src/synthd/cache/cache.go"
		jsonGo   = "/src/synthd/json/encode.go"
	)
	b.function("main.main", "main.main", mainGo, 12)
	b.function("server.(*Server).Serve", "server.(*Server).Serve", serverGo, 40)
	b.function("server.(*Server).handle", "server.(*Server).handle", serverGo, 71)
	b.function("server.parseRequest", "server.parseRequest", serverGo, 120)
	b.function("server.readHeader", "server.readHeader", serverGo, 150)
	b.function("server.validate", "server.validate", serverGo, 170)
	b.function("db.Query", "db.Query", dbGo, 30)
	b.function("db.(*Conn).exec", "db.(*Conn).exec", dbGo, 77)
	b.function("db.encodeArgs", "db.encodeArgs", dbGo, 110)
	b.function("cache.Get", "cache.Get", cacheGo, 20)
	b.function("cache.hash", "cache.hash", cacheGo, 55)
	b.function("json.Marshal", "json.Marshal", jsonGo, 15)
	b.function("json.(*encoder).value", "json.(*encoder).value", jsonGo, 60)
	b.function("Compressor::Compress(char const*, unsigned long)", "_ZN10Compressor8CompressEPKcm", "/src/libsynth/compress.cc", 88)
	b.function("memcpy", "memcpy", "", 0)
	b.function("alloc_hook_enter", "alloc_hook_enter", "/src/libsynth/hooks.c", 10)
	b.function("alloc_hook_keep", "alloc_hook_keep", "/src/libsynth/hooks.c", 30)
	b.function("tracer::Record()", "_ZN6tracer6RecordEv", "/src/libsynth/tracer.cc", 5)
	b.function("malloc", "malloc", "", 0)

	// Root frames.
	b.location("main", bin, 0x401100, frame{"main.main", 25, 3})
	b.location("serve", bin, 0x402200, frame{"server.(*Server).Serve", 58, 17})
	// handle with parseRequest and readHeader inlined into it: a three-line chain.
	b.location("readHeader", bin, 0x403310,
		frame{"server.readHeader", 158, 9},
		frame{"server.parseRequest", 131, 12},
		frame{"server.(*Server).handle", 80, 20})
	b.location("parseRequest", bin, 0x403330,
		frame{"server.parseRequest", 135, 5},
		frame{"server.(*Server).handle", 80, 20})
	b.location("validate", bin, 0x403400, frame{"server.validate", 175, 2})
	b.location("handle.validate", bin, 0x403390, frame{"server.(*Server).handle", 83, 14})
	b.location("handle.query", bin, 0x4033a0, frame{"server.(*Server).handle", 88, 21})
	b.location("handle.cache", bin, 0x4033b0, frame{"server.(*Server).handle", 86, 11})
	b.location("handle.json", bin, 0x4033c0, frame{"server.(*Server).handle", 95, 9})
	b.location("query", bin, 0x404000, frame{"db.Query", 41, 12})
	// exec with encodeArgs inlined.
	b.location("encodeArgs", bin, 0x404120,
		frame{"db.encodeArgs", 118, 7},
		frame{"db.(*Conn).exec", 90, 15})
	b.location("exec", bin, 0x404180, frame{"db.(*Conn).exec", 96, 4})
	// cache.Get with hash inlined.
	b.location("hash", bin, 0x405050,
		frame{"cache.hash", 60, 11},
		frame{"cache.Get", 27, 9})
	b.location("get", bin, 0x405080, frame{"cache.Get", 33, 2})
	b.location("marshal", bin, 0x406010, frame{"json.Marshal", 22, 8})
	b.location("value", bin, 0x406100, frame{"json.(*encoder).value", 71, 5})
	b.location("value.rec", bin, 0x406140, frame{"json.(*encoder).value", 80, 13})
	// Library frames.
	b.location("compress", lib, 0x7f0000001200, frame{"Compressor::Compress(char const*, unsigned long)", 97, 0})
	b.location("memcpy", lib, 0x7f0000002000, frame{"memcpy", 0, 0})
	b.location("hook", lib, 0x7f0000003000, frame{"alloc_hook_enter", 12, 0})
	b.location("hookkeep", lib, 0x7f0000003100, frame{"alloc_hook_keep", 33, 0})
	b.location("tracer", lib, 0x7f0000004000, frame{"tracer::Record()", 7, 0})
	b.location("malloc", lib, 0x7f0000005000, frame{"malloc", 0, 0})
	// Address-only frames in a mapping without symbols.
	b.location("vdso1", vdso, 0x7fff00000a10)
	b.location("vdso2", vdso, 0x7fff00000b20)

	stacks := [][]string{
		{"readHeader", "serve", "main"},
		{"parseRequest", "serve", "main"},
		{"validate", "handle.validate", "serve", "main"},
		{"encodeArgs", "query", "handle.query", "serve", "main"},
		{"exec", "query", "handle.query", "serve", "main"},
		{"vdso1", "exec", "query", "handle.query", "serve", "main"},
		{"hash", "handle.cache", "serve", "main"},
		{"get", "handle.cache", "serve", "main"},
		{"vdso2", "get", "handle.cache", "serve", "main"},
		{"marshal", "handle.json", "serve", "main"},
		{"value", "marshal", "handle.json", "serve", "main"},
		{"value", "value.rec", "value.rec", "marshal", "handle.json", "serve", "main"},
		{"memcpy", "compress", "marshal", "handle.json", "serve", "main"},
		{"malloc", "hook", "encodeArgs", "query", "handle.query", "serve", "main"},
		{"malloc", "hookkeep", "value", "marshal", "handle.json", "serve", "main"},
		{"tracer", "get", "handle.cache", "serve", "main"},
	}
	endpoints := []string{"/api/users", "/api/orders", "/healthz"}
	regions := []string{"us-east", "eu-west"}
	sizes := []int64{64, 700, 1536, 4096, 20000, 150000}
	latencies := []int64{50000, 250000, 1000000, 5000000, 20000000}
	seed := uint64(42)
	if variant {
		seed = 7
	}
	r := &rng{x: seed}
	units := map[string]string{"bytes": "bytes", "request_size": "bytes", "latency": "nanoseconds"}
	for i := 0; i < 60; i++ {
		stack := stacks[i%len(stacks)]
		reqs := int64(1 + r.next(20))
		latency := int64(1+r.next(900)) * 10000
		labels := map[string]string{"endpoint": endpoints[r.next(len(endpoints))]}
		if i%4 != 3 {
			labels["region"] = regions[r.next(len(regions))]
		}
		nums := map[string]int64{
			"request_size": sizes[r.next(len(sizes))],
			"latency":      latencies[r.next(len(latencies))],
		}
		if i%3 == 0 {
			nums["bytes"] = sizes[r.next(len(sizes))] * 2
		}
		if i%5 == 0 {
			// A numeric label without a unit.
			nums["retries"] = int64(r.next(4))
		}
		if variant {
			switch stack[0] {
			case "vdso1", "vdso2":
				continue
			case "marshal", "value", "memcpy":
				latency *= 3
			}
		}
		b.sample([]int64{reqs, latency}, labels, nums, units, stack...)
	}
	return p
}

func plainProfile() *profile.Profile {
	p := &profile.Profile{
		SampleType:    []*profile.ValueType{{Type: "samples", Unit: "count"}},
		PeriodType:    &profile.ValueType{Type: "samples", Unit: "count"},
		Period:        1,
		TimeNanos:     time.Date(2024, time.January, 2, 3, 4, 5, 0, time.UTC).UnixNano(),
		DurationNanos: int64(time.Second),
	}
	b := newBuilder(p)
	m := b.mapping(&profile.Mapping{Start: 0x1000, Limit: 0x9000, File: "/usr/bin/plain", HasFunctions: true, HasFilenames: true, HasLineNumbers: true})
	b.function("main", "main", "plain.c", 3)
	b.function("work", "work", "plain.c", 10)
	b.function("helper", "helper", "plain.c", 20)
	b.location("main", m, 0x1010, frame{"main", 5, 0})
	b.location("work", m, 0x1100, frame{"work", 12, 0})
	b.location("helper", m, 0x1200, frame{"helper", 22, 0})
	b.location("main2", m, 0x1020, frame{"main", 6, 0})
	b.sample([]int64{5}, nil, nil, nil, "helper", "work", "main")
	b.sample([]int64{3}, nil, nil, nil, "work", "main")
	b.sample([]int64{2}, nil, nil, nil, "helper", "main2")
	b.sample([]int64{1}, nil, nil, nil, "main")
	return p
}

func write(name string, p *profile.Profile) {
	if err := p.CheckValid(); err != nil {
		log.Fatalf("%s: %v", name, err)
	}
	f, err := os.Create(filepath.Join(*outDir, name))
	if err != nil {
		log.Fatal(err)
	}
	if err := p.Write(f); err != nil {
		log.Fatal(err)
	}
	if err := f.Close(); err != nil {
		log.Fatal(err)
	}
}

func main() {
	flag.Parse()
	if err := os.MkdirAll(*outDir, 0o755); err != nil {
		log.Fatal(err)
	}
	write("synth.pb.gz", synthProfile(false))
	write("synth2.pb.gz", synthProfile(true))
	write("synth-nolabels.pb.gz", plainProfile())
}
