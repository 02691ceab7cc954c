package apigen

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	twilio "github.com/apigen-dev/apigen/templates/runtime"
)

// drain runs seq to its end, with a bound on the number of yields so that
// a test of endless paging cannot hang, and returns the items and errors.
func drain(t *testing.T, seq func(func(string, error) bool)) (items []string, errs []error) {
	t.Helper()
	yields := 0
	for item, err := range seq {
		if yields++; yields > 10000 {
			t.Fatal("the iteration does not end")
		}
		if err != nil {
			errs = append(errs, err)
			continue
		}
		items = append(items, item)
	}
	return items, errs
}

// TestIterateEndlessEmptyPages is the reported case: a server answering
// empty pages with ever-new next_page_urls. The iteration stops with an
// error after maxEmptyPages pages in a row without items.
func TestIterateEndlessEmptyPages(t *testing.T) {
	var fetched atomic.Int32
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := fetched.Add(1)
		if n > 1000 {
			http.Error(w, "too many pages", http.StatusGone)
			return
		}
		fmt.Fprintf(w, `{"items":[],"meta":{"key":"items","next_page_url":"%s/v1/Items?Page=%d"}}`, srv.URL, n)
	}))
	defer srv.Close()
	items, errs := drain(t, listItems(context.Background(), newTestCore(t, srv), 0))
	if len(items) != 0 || len(errs) != 1 {
		t.Fatalf("items %q, errors %v; want none and one error", items, errs)
	}
	if want := "twilio: paging stopped: 10 pages in a row without items"; !strings.HasPrefix(errs[0].Error(), want) {
		t.Errorf("error %q; want prefix %q", errs[0], want)
	}
	// 10 is also what the generated iterators' docs say (generator/emit).
	if n := fetched.Load(); n != maxEmptyPages || maxEmptyPages != 10 {
		t.Errorf("%d pages fetched; want %d (10)", n, maxEmptyPages)
	}
}

// TestIterateSparsePages: empty pages between pages with items are
// followed, as long as fewer than maxEmptyPages come in a row.
func TestIterateSparsePages(t *testing.T) {
	const pages = 40
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		page, _ := strconv.Atoi(r.URL.Query().Get("Page"))
		items := "[]"
		if page%(maxEmptyPages) == maxEmptyPages-1 { // maxEmptyPages-1 empty pages, then one item
			items = `["i` + strconv.Itoa(page) + `"]`
		}
		next := "null"
		if page+1 < pages {
			next = `"` + srv.URL + "/v1/Items?Page=" + strconv.Itoa(page+1) + `"`
		}
		fmt.Fprintf(w, `{"items":%s,"meta":{"key":"items","next_page_url":%s}}`, items, next)
	}))
	defer srv.Close()
	items, errs := drain(t, listItems(context.Background(), newTestCore(t, srv), 0))
	if want := []string{"i9", "i19", "i29", "i39"}; len(errs) != 0 || !slices.Equal(items, want) {
		t.Errorf("items %q, errors %v; want %q and no error", items, errs, want)
	}
}

// TestIterateLoopOverHTTP: a last page whose next_page_url is the second
// page's again stops with an error naming it, the items yielded once.
func TestIterateLoopOverHTTP(t *testing.T) {
	var fetched atomic.Int32
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fetched.Add(1)
		page, _ := strconv.Atoi(r.URL.Query().Get("Page"))
		next := page + 1
		if next == 3 {
			next = 1
		}
		fmt.Fprintf(w, `{"items":["p%d"],"meta":{"key":"items","next_page_url":"%s/v1/Items?Page=%d"}}`, page, srv.URL, next)
	}))
	defer srv.Close()
	items, errs := drain(t, listItems(context.Background(), newTestCore(t, srv), 0))
	if !slices.Equal(items, []string{"p0", "p1", "p2"}) || len(errs) != 1 {
		t.Fatalf("items %q, errors %v; want p0 p1 p2 and one error", items, errs)
	}
	if want := srv.URL + "/v1/Items?Page=1"; !strings.Contains(errs[0].Error(), want) {
		t.Errorf("error %q; want it to name %s", errs[0], want)
	}
	if n := fetched.Load(); n != 3 {
		t.Errorf("%d pages fetched; want 3", n)
	}
}

// TestIterateLoopErrorHidesUserInfo: the loop error names the URL without
// its user info.
func TestIterateLoopErrorHidesUserInfo(t *testing.T) {
	loop := "https://" + testAccountSID + ":" + testSecret + "@chat.twilio.com/v1/Items?Page=1"
	for _, u := range []string{loop, "https://" + testAccountSID + ":" + testSecret + "/x@[::1"} {
		first := func(context.Context) ([]string, twilio.PageMeta, error) {
			return []string{"a"}, twilio.PageMeta{NextPageURL: twilio.NullOf(u)}, nil
		}
		next := func(context.Context, string) ([]string, twilio.PageMeta, error) {
			return []string{"b"}, twilio.PageMeta{NextPageURL: twilio.NullOf(u)}, nil
		}
		_, errs := drain(t, Iterate(context.Background(), 0, first, next))
		if len(errs) != 1 {
			t.Fatalf("errors %v; want one", errs)
		}
		assertNoSecret(t, errs[0])
	}
}
