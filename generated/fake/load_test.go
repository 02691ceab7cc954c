package fake

import (
	"cmp"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestLoad runs only when FAKE_LOAD is a duration per measurement, such as
// 1s (make load). It serves the Chat v2 handler of the fake, and the
// hand-written baseline of BenchmarkServer over the same kind of store,
// each with the default ServerConfig on a loopback listener, and drives
// fetch, create and list (a page of 50) at concurrency 1, 16 and 64 with
// keep-alive clients. Each of these nine rows is measured in LOADROUNDS
// rounds (default 5), each round measuring both handlers for FAKE_LOAD
// each, one after the other, in alternating order (generated first in odd
// rounds, baseline first in even ones), on a fresh store and listener. It
// prints, per row, each handler's median requests per second and median
// p50 and p99 over the rounds, the ratio generated / baseline of the
// median requests per second, and the min–max of that ratio round by
// round. It fails on any unexpected status, and up front when the whole
// run would not fit in the test's -timeout. It asserts no speed.
func TestLoad(t *testing.T) {
	d, err := time.ParseDuration(os.Getenv("FAKE_LOAD"))
	if err != nil || d <= 0 {
		t.Skip("set FAKE_LOAD to a duration (make load) to run the load test")
	}
	rounds := 5
	if s := os.Getenv("LOADROUNDS"); s != "" {
		if rounds, err = strconv.Atoi(s); err != nil || rounds < 1 {
			t.Fatalf("LOADROUNDS=%q: want a number of rounds, at least 1", s)
		}
	}
	handlers := [2]struct {
		name string
		make func(st *Store, base string) http.Handler
	}{
		{"generated", func(st *Store, base string) http.Handler {
			chat, _, err := NewHandlers(Config{Store: st, AuthToken: benchToken, ChatBaseURL: base})
			if err != nil {
				t.Fatal(err)
			}
			return chat
		}},
		{"baseline", func(st *Store, _ string) http.Handler { return baseline(st, benchToken) }},
	}
	ops, concs := []string{"fetch", "create", "list50"}, []int{1, 16, 64}
	total := time.Duration(len(ops)*len(concs)*len(handlers)*rounds) * d
	t.Logf("loopback load: %d rows × %d rounds × %d handlers × %v = %v of load, plus setup",
		len(ops)*len(concs), rounds, len(handlers), d, total)
	if deadline, ok := t.Deadline(); ok && time.Until(deadline) < total+total/10 {
		t.Fatalf("%v of load does not fit in the %v left before -timeout; lower FAKE_LOAD or LOADROUNDS, or raise -timeout",
			total, time.Until(deadline).Round(time.Second))
	}
	measure := func(h int, op string, conc int) loadResult {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		base := "http://" + ln.Addr().String()
		st := NewStore(WithMaxUsers(0, 0)) // creates for as long as it runs
		srv := NewServer(handlers[h].make(st, base), ServerConfig{})
		go srv.Serve(ln)
		defer srv.Close()
		return drive(t, base, op, conc, d)
	}
	var table strings.Builder
	fmt.Fprintf(&table, "| operation | concurrency | requests/s, generated | requests/s, baseline | generated / baseline | per round, min–max | p50 / p99, generated | p50 / p99, baseline |\n")
	fmt.Fprintf(&table, "|---|---|---|---|---|---|---|---|\n")
	for _, op := range ops {
		for _, conc := range concs {
			var row [2][]loadResult
			for r := range rounds {
				order := []int{0, 1}
				if r%2 == 1 {
					order = []int{1, 0}
				}
				for _, h := range order {
					row[h] = append(row[h], measure(h, op, conc))
				}
			}
			s := summarize(row[0], row[1], d)
			t.Logf("%s at %d: generated / baseline, round by round: %s", op, conc, s.perRound)
			fmt.Fprintf(&table, "| %s | %d | %.0f | %.0f | **%.2f** | %.2f–%.2f | %v / %v | %v / %v |\n", op, conc,
				s.rps[0], s.rps[1], s.ratio, s.ratioMin, s.ratioMax, s.p50[0], s.p99[0], s.p50[1], s.p99[1])
		}
	}
	t.Logf("loopback load, medians of %d alternating rounds of %v per handler:\n%s", rounds, d, table.String())
}

// loadSummary is a row of TestLoad: per handler (generated, baseline) the
// medians over the rounds, and the ratio generated / baseline of the
// median requests per second with its min and max round by round.
type loadSummary struct {
	rps                       [2]float64
	p50, p99                  [2]time.Duration
	ratio, ratioMin, ratioMax float64
	perRound                  string
}

// summarize reduces the rounds of one row, each drive lasting d; gen[i]
// and base[i] are round i.
func summarize(gen, base []loadResult, d time.Duration) loadSummary {
	var s loadSummary
	var ratios []float64
	for i := range gen {
		ratios = append(ratios, float64(gen[i].reqs)/float64(base[i].reqs))
	}
	for h, rs := range [2][]loadResult{gen, base} {
		var rps []float64
		var p50, p99 []time.Duration
		for _, r := range rs {
			rps = append(rps, float64(r.reqs)/d.Seconds())
			p50, p99 = append(p50, r.p50), append(p99, r.p99)
		}
		s.rps[h] = medianOf(rps, func(a, b float64) float64 { return (a + b) / 2 })
		s.p50[h] = medianOf(p50, func(a, b time.Duration) time.Duration { return (a + b) / 2 }).Round(time.Microsecond)
		s.p99[h] = medianOf(p99, func(a, b time.Duration) time.Duration { return (a + b) / 2 }).Round(time.Microsecond)
	}
	s.ratio = s.rps[0] / s.rps[1]
	s.ratioMin, s.ratioMax = slices.Min(ratios), slices.Max(ratios)
	var b strings.Builder
	for i, r := range ratios {
		if i > 0 {
			b.WriteString(" ")
		}
		fmt.Fprintf(&b, "%.2f", r)
	}
	s.perRound = b.String()
	return s
}

// medianOf is the median of vs, the mean of the middle two (by mid) when
// there is an even number of them.
func medianOf[T cmp.Ordered](vs []T, mid func(a, b T) T) T {
	s := slices.Clone(vs)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return mid(s[len(s)/2-1], s[len(s)/2])
}

// loadResult is what one drive measured.
type loadResult struct {
	reqs     int
	p50, p99 time.Duration
}

// drive seeds 60 users at base, then runs conc clients doing op for d.
func drive(t *testing.T, base, op string, conc int, d time.Duration) loadResult {
	t.Helper()
	tr := &http.Transport{MaxIdleConnsPerHost: conc, MaxConnsPerHost: conc}
	defer tr.CloseIdleConnections()
	hc := &http.Client{Transport: tr, Timeout: 10 * time.Second}
	users := base + "/v2/Services/" + benchService + "/Users"
	do := func(method, url, body string, want int) error {
		req, err := http.NewRequest(method, url, strings.NewReader(body))
		if err != nil {
			return err
		}
		req.SetBasicAuth(benchAccount, benchToken)
		if body != "" {
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		}
		resp, err := hc.Do(req)
		if err != nil {
			return err
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != want {
			return fmt.Errorf("%s %s: %d, want %d", method, url, resp.StatusCode, want)
		}
		return nil
	}
	for i := range 60 {
		if err := do("POST", users, "Identity=seed"+strconv.Itoa(i), http.StatusCreated); err != nil {
			t.Fatal(err)
		}
	}
	var next atomic.Int64
	var mu sync.Mutex
	var lat []time.Duration
	var failed error
	deadline := time.Now().Add(d)
	var wg sync.WaitGroup
	for range conc {
		wg.Go(func() {
			var mine []time.Duration
			for time.Now().Before(deadline) {
				start := time.Now()
				var err error
				switch op {
				case "fetch":
					err = do("GET", users+"/seed7", "", http.StatusOK)
				case "create":
					err = do("POST", users, "Identity=user"+strconv.FormatInt(next.Add(1), 10), http.StatusCreated)
				case "list50":
					err = do("GET", users+"?PageSize=50", "", http.StatusOK)
				}
				if err != nil {
					mu.Lock()
					failed = err
					mu.Unlock()
					return
				}
				mine = append(mine, time.Since(start))
			}
			mu.Lock()
			lat = append(lat, mine...)
			mu.Unlock()
		})
	}
	wg.Wait()
	if failed != nil {
		t.Fatal(failed)
	}
	slices.Sort(lat)
	if len(lat) == 0 {
		t.Fatal("no request completed")
	}
	return loadResult{reqs: len(lat), p50: lat[len(lat)/2], p99: lat[len(lat)*99/100]}
}

// TestLoadSummary checks TestLoad's arithmetic, which runs only under
// FAKE_LOAD: medians per handler, and the ratio of the medians against the
// spread of the ratios round by round.
func TestLoadSummary(t *testing.T) {
	ms := time.Millisecond
	gen := []loadResult{{100, 1 * ms, 9 * ms}, {300, 3 * ms, 7 * ms}, {250, 2 * ms, 8 * ms}}
	base := []loadResult{{200, 4 * ms, 6 * ms}, {200, 5 * ms, 5 * ms}, {125, 6 * ms, 4 * ms}}
	s := summarize(gen, base, 500*ms)
	want := loadSummary{
		rps: [2]float64{500, 400}, p50: [2]time.Duration{2 * ms, 5 * ms}, p99: [2]time.Duration{8 * ms, 5 * ms},
		ratio: 1.25, ratioMin: 0.5, ratioMax: 2, perRound: "0.50 1.50 2.00",
	}
	if s != want {
		t.Errorf("summarize = %+v, want %+v", s, want)
	}
	// An even number of rounds: the mean of the middle two.
	s = summarize(gen[:2], base[:2], time.Second)
	if s.rps != [2]float64{200, 200} || s.p50 != [2]time.Duration{2 * ms, 4500 * time.Microsecond} || s.ratio != 1 {
		t.Errorf("summarize of two rounds = %+v", s)
	}
}
