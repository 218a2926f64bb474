// slow-cpu: a CPU-bound handler. GET /work?iters=N chains N SHA-256 hashes,
// formatting each digest with fmt and building the reply with += in a
// loop (quadratic copying). -fixed hashes the raw digest bytes, encodes
// hex into one preallocated buffer and returns the same reply.
package main

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"strings"

	"gotune.dev/examples/internal/svc"
)

// slowChain is the original: fmt for every digest, += for the reply.
func slowChain(seed string, iters int) string {
	sum := sha256.Sum256([]byte(seed))
	out := ""
	for i := 0; i < iters; i++ {
		sum = sha256.Sum256([]byte(fmt.Sprintf("%x", sum)))
		out += fmt.Sprintf("%02x", sum[0])
	}
	return out
}

// fastChain computes the same reply: hex into a reused buffer, one
// preallocated builder.
func fastChain(seed string, iters int) string {
	sum := sha256.Sum256([]byte(seed))
	var hexbuf [sha256.Size * 2]byte
	var b strings.Builder
	b.Grow(iters * 2)
	for i := 0; i < iters; i++ {
		hex.Encode(hexbuf[:], sum[:])
		sum = sha256.Sum256(hexbuf[:])
		b.WriteByte(hextable[sum[0]>>4])
		b.WriteByte(hextable[sum[0]&0x0f])
	}
	return b.String()
}

const hextable = "0123456789abcdef"

func main() {
	svc.Main(svc.Service{
		Name:   "slow-cpu",
		Target: "/work?iters=2000",
		Setup: func(mux *http.ServeMux, fixed bool) {
			chain := slowChain
			if fixed {
				chain = fastChain
			}
			mux.HandleFunc("/work", func(w http.ResponseWriter, r *http.Request) {
				iters := svc.IntParam(r, "iters", 2000, 1, 1_000_000)
				seed := r.URL.Query().Get("seed")
				reply := chain(seed, iters)
				fmt.Fprintf(w, "%d %s\n", len(reply), reply[max(0, len(reply)-8):])
			})
		},
	})
}
