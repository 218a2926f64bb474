// Package benchstat holds the benchmarks whose `go test -bench` output the
// gotune benchstat goldens read. BENCH_VARIANT=new switches each benchmark
// to its faster (or leaner) twin, so two recordings make an old/new pair:
// a clear speed-up, a clear allocation change, a change too small to see,
// a custom b.ReportMetric unit, and metrics that never vary.
package benchstat

import (
	"bytes"
	"encoding/gob"
	"encoding/json"
	"os"
	"strings"
	"testing"
)

var newVariant = os.Getenv("BENCH_VARIANT") == "new"

var sink any

// BenchmarkJoin builds a string from parts: += in old, strings.Builder in new
// (fewer allocations and bytes: the -benchmem columns change).
func BenchmarkJoin(b *testing.B) {
	parts := strings.Fields(strings.Repeat("alpha beta gamma delta ", 8))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if newVariant {
			var sb strings.Builder
			for _, p := range parts {
				sb.WriteString(p)
			}
			sink = sb.String()
		} else {
			s := ""
			for _, p := range parts {
				s += p
			}
			sink = s
		}
	}
}

type record struct {
	Name  string
	Count int
	Tags  []string
}

// BenchmarkEncode has sub-benchmarks per format; new reuses its buffer.
func BenchmarkEncode(b *testing.B) {
	rec := record{Name: "gotune", Count: 42, Tags: []string{"a", "b", "c"}}
	for _, format := range []string{"json", "gob"} {
		b.Run("format="+format, func(b *testing.B) {
			b.ReportAllocs()
			var buf bytes.Buffer
			for i := 0; i < b.N; i++ {
				if !newVariant {
					buf = bytes.Buffer{}
				}
				buf.Reset()
				var err error
				if format == "json" {
					err = json.NewEncoder(&buf).Encode(rec)
				} else {
					err = gob.NewEncoder(&buf).Encode(rec)
				}
				if err != nil {
					b.Fatal(err)
				}
			}
			b.SetBytes(int64(buf.Len()))
		})
	}
}

// BenchmarkSum adds up a slice; old and new differ only in loop shape, so
// the times should not differ beyond noise.
func BenchmarkSum(b *testing.B) {
	xs := make([]int, 4096)
	for i := range xs {
		xs[i] = i
	}
	for i := 0; i < b.N; i++ {
		t := 0
		if newVariant {
			for j := len(xs) - 1; j >= 0; j-- {
				t += xs[j]
			}
		} else {
			for _, x := range xs {
				t += x
			}
		}
		sink = t
	}
}

// BenchmarkFrames reports a custom unit, frames/op, that depends on the
// variant (new renders fewer frames), next to a constant one.
func BenchmarkFrames(b *testing.B) {
	frames := 0
	for i := 0; i < b.N; i++ {
		n := 12 + i%5
		if newVariant {
			n = 9 + i%4
		}
		frames += n
	}
	b.ReportMetric(float64(frames)/float64(b.N), "frames/op")
	b.ReportMetric(64, "slots")
}

// BenchmarkConstant does a fixed amount of work and reports a metric that
// never changes: every sample equal, so the U test has nothing to say.
func BenchmarkConstant(b *testing.B) {
	for i := 0; i < b.N; i++ {
		sink = i
	}
	b.ReportMetric(3, "widgets/op")
}
