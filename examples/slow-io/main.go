// slow-io: GET /work asks a slow downstream service (here in the same
// process, on its own port, answering after 5 ms) for three parts of the
// reply. It calls them one after another, each on a new connection
// (keep-alive disabled), so a request waits 15 ms and more. -fixed makes
// the three calls at once over a shared keep-alive client.
package main

import (
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"runtime"
	"strconv"
	"sync"
	"time"

	"gotune.dev/examples/internal/svc"
)

const delay = 5 * time.Millisecond

func startDownstream() string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		log.Fatalf("slow-io: downstream: %v", err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/part", func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(delay)
		fmt.Fprintf(w, "part-%s", r.URL.Query().Get("n"))
	})
	go http.Serve(ln, mux)
	return "http://" + ln.Addr().String()
}

func get(c *http.Client, url string) (string, error) {
	resp, err := c.Get(url)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return string(b), err
}

func main() {
	// Without it the block profile stays empty; the waits for a response in
	// net/http's client are selects, which it records.
	runtime.SetBlockProfileRate(1000)
	svc.Main(svc.Service{
		Name:   "slow-io",
		Target: "/work",
		Setup: func(mux *http.ServeMux, fixed bool) {
			base := startDownstream()
			shared := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 256}, Timeout: 10 * time.Second}
			mux.HandleFunc("/work", func(w http.ResponseWriter, r *http.Request) {
				parts := make([]string, 3)
				errs := make([]error, 3)
				if fixed {
					var wg sync.WaitGroup
					for i := range parts {
						wg.Add(1)
						go func(i int) {
							defer wg.Done()
							parts[i], errs[i] = get(shared, base+"/part?n="+strconv.Itoa(i))
						}(i)
					}
					wg.Wait()
				} else {
					for i := range parts {
						c := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}, Timeout: 10 * time.Second}
						parts[i], errs[i] = get(c, base+"/part?n="+strconv.Itoa(i))
					}
				}
				for _, err := range errs {
					if err != nil {
						http.Error(w, err.Error(), http.StatusBadGateway)
						return
					}
				}
				fmt.Fprintf(w, "%s %s %s\n", parts[0], parts[1], parts[2])
			})
		},
	})
}
