// timer-leak: the two classic timer leaks of Go, for the diagnose
// evaluation (scripts/regen-diagnose.ts), each with its fixed twin (-fixed).
// It runs a job dispatcher for a short window and writes that window's
// profiles into -out as `gotune measure` captures them (a CPU profile over
// the window, heap and goroutine snapshots at its ends, block and mutex
// deltas over it).
//
//	after-in-loop       workers wait for a job or an idle timeout with
//	                    time.After inside their select loop: a new timer per
//	                    job, each kept until it fires (30 s later).
//	                    Fixed: one time.NewTimer per worker, Reset each turn.
//	ticker-not-stopped  every job opens a session whose heartbeat goroutine
//	                    uses time.NewTicker; the goroutine returns when the
//	                    session closes, but nobody calls Stop, so the ticker
//	                    keeps firing for ever. Fixed: defer t.Stop().
//
// Timers are leaked this way by every program whose main module's go.mod
// says go 1.22 or older (Go 1.23 made unreferenced timers collectable only
// for go 1.23+ modules); this module says 1.26, so the old behaviour is
// asked for explicitly below.
//
//go:debug asynctimerchan=1
package main

import (
	"bytes"
	"crypto/sha256"
	"flag"
	"log"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"sync/atomic"
	"time"

	"github.com/google/pprof/profile"
)

const idleTimeout = 30 * time.Second

var done atomic.Int64

// process is a job's work: a little hashing.
func process(j int) {
	sum := sha256.Sum256([]byte{byte(j)})
	for i := 0; i < 20; i++ {
		sum = sha256.Sum256(sum[:])
	}
	if sum[0] == 0 {
		done.Add(1)
	}
	done.Add(1)
}

// worker waits for a job or for idleTimeout without one: the bug, a
// time.After per turn of the loop.
func worker(jobs <-chan int, stop <-chan struct{}) {
	for {
		select {
		case j := <-jobs:
			process(j)
		case <-time.After(idleTimeout):
			return
		case <-stop:
			return
		}
	}
}

// workerFixed keeps one timer and resets it each turn.
func workerFixed(jobs <-chan int, stop <-chan struct{}) {
	t := time.NewTimer(idleTimeout)
	defer t.Stop()
	for {
		select {
		case j := <-jobs:
			process(j)
			if !t.Stop() {
				select {
				case <-t.C:
				default:
				}
			}
			t.Reset(idleTimeout)
		case <-t.C:
			return
		case <-stop:
			return
		}
	}
}

// session is one job's session, with a heartbeat while it is open.
type session struct {
	closed chan struct{}
	beats  atomic.Int64
}

// openSession starts the heartbeat: the bug, a ticker nobody stops.
func openSession(fixed bool) *session {
	s := &session{closed: make(chan struct{})}
	t := time.NewTicker(100 * time.Millisecond)
	go func() {
		if fixed {
			defer t.Stop()
		}
		for {
			select {
			case <-t.C:
				s.beats.Add(1)
			case <-s.closed:
				return
			}
		}
	}()
	return s
}

// sessions handles each job inside a short session.
func sessions(jobs <-chan int, stop <-chan struct{}, fixed bool) {
	for {
		select {
		case j := <-jobs:
			s := openSession(fixed)
			process(j)
			close(s.closed)
		case <-stop:
			return
		}
	}
}

// produce feeds about rate jobs per second, a burst each millisecond.
func produce(jobs chan<- int, stop <-chan struct{}, rate int) {
	pace := time.NewTicker(time.Millisecond)
	defer pace.Stop()
	for i := 0; ; {
		select {
		case <-stop:
			return
		case <-pace.C:
			for n := 0; n < rate/1000; n++ {
				select {
				case jobs <- i:
					i++
				case <-stop:
					return
				}
			}
		}
	}
}

func snapshot(name string) []byte {
	var b bytes.Buffer
	if err := pprof.Lookup(name).WriteTo(&b, 0); err != nil {
		log.Fatal(err)
	}
	return b.Bytes()
}

// delta writes end minus start as one profile covering the window, as
// /debug/pprof/block?seconds=N does.
func delta(path string, start, end []byte, window time.Duration, at time.Time) {
	p0, err := profile.ParseData(start)
	if err != nil {
		log.Fatal(err)
	}
	p1, err := profile.ParseData(end)
	if err != nil {
		log.Fatal(err)
	}
	p0.Scale(-1)
	d, err := profile.Merge([]*profile.Profile{p1, p0})
	if err != nil {
		log.Fatal(err)
	}
	d.DurationNanos = window.Nanoseconds()
	d.TimeNanos = at.UnixNano()
	f, err := os.Create(path)
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	if err := d.Write(f); err != nil {
		log.Fatal(err)
	}
}

func main() {
	scenario := flag.String("scenario", "after-in-loop", "after-in-loop or ticker-not-stopped")
	fixed := flag.Bool("fixed", false, "run the fixed twin")
	out := flag.String("out", ".", "directory for the profiles")
	window := flag.Duration("window", 3*time.Second, "the profiled window")
	rate := flag.Int("rate", 20000, "jobs per second")
	flag.Parse()
	runtime.SetBlockProfileRate(1000)
	runtime.SetMutexProfileFraction(1)

	jobs := make(chan int)
	stop := make(chan struct{})
	for i := 0; i < 4; i++ {
		switch {
		case *scenario == "after-in-loop" && *fixed:
			go workerFixed(jobs, stop)
		case *scenario == "after-in-loop":
			go worker(jobs, stop)
		case *scenario == "ticker-not-stopped":
			go sessions(jobs, stop, *fixed)
		default:
			log.Fatalf("unknown scenario %q", *scenario)
		}
	}
	go produce(jobs, stop, *rate)
	time.Sleep(time.Second) // warm up

	snap := func(tag string) (block, mutex []byte) {
		runtime.GC()
		for _, name := range []string{"heap", "goroutine"} {
			if err := os.WriteFile(filepath.Join(*out, name+"."+tag+".pb.gz"), snapshot(name), 0o644); err != nil {
				log.Fatal(err)
			}
		}
		return snapshot("block"), snapshot("mutex")
	}
	b0, m0 := snap("start")
	cpu, err := os.Create(filepath.Join(*out, "cpu.pb.gz"))
	if err != nil {
		log.Fatal(err)
	}
	if err := pprof.StartCPUProfile(cpu); err != nil {
		log.Fatal(err)
	}
	time.Sleep(*window)
	pprof.StopCPUProfile()
	cpu.Close()
	b1, m1 := snap("end")
	now := time.Now()
	delta(filepath.Join(*out, "block.pb.gz"), b0, b1, *window, now)
	delta(filepath.Join(*out, "mutex.pb.gz"), m0, m1, *window, now)
	close(stop)
	log.Printf("%d jobs", done.Load())
}
