package twilio

// PageMeta is the meta object of every list page: where the page sits in the
// list and the URLs of its neighbours.
type PageMeta struct {
	// Page is the index of this page, starting at 0.
	Page int `json:"page"`
	// PageSize is the maximum number of resources in this page.
	PageSize int `json:"page_size"`
	// FirstPageURL is the URL of the first page.
	FirstPageURL string `json:"first_page_url"`
	// PreviousPageURL is the URL of the previous page; null on the first page.
	PreviousPageURL Null[string] `json:"previous_page_url"`
	// NextPageURL is the URL of the next page; null on the last page.
	NextPageURL Null[string] `json:"next_page_url"`
	// URL is the URL of this page.
	URL string `json:"url"`
	// Key is the name of the list response's property that holds the page's
	// resources, such as "users".
	Key string `json:"key"`
}

// HasNext reports whether there is a next page, that is whether NextPageURL
// is a non-empty URL.
func (m PageMeta) HasNext() bool {
	return m.NextPageURL.Valid && m.NextPageURL.Value != ""
}
