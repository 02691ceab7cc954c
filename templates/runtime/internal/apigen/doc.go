// Package apigen is the plumbing of the generated API packages: what their
// code calls and their users never do. It is internal so that it stays out
// of their API and can change with the generator; everything a caller or a
// hand-written server uses is in the shared package instead.
//
// [Core] is the HTTP transport of the generated clients: base URL,
// credentials and User-Agent from the shared package's client options,
// retries with backoff, and error decoding; [Call] is one request, and
// [Iterate] walks the pages of a list. [ReadForm], [ReadQuery], [Value],
// [HeaderValue], [ParseInt], [ParseFloat], [ParseBool] and [ParseTime]
// decode the parameters of a request in the generated servers, [WriteJSON]
// writes their responses,
// [Routes] and [Recover] answer unknown routes and panics in Twilio's error
// shape, and [NotImplemented] is the error of an operation a server leaves
// out. [Decoder] and [Encoder], with the Decode and Encode functions of
// each kind of field, are what the generated MarshalJSON and UnmarshalJSON
// methods are made of: JSON without reflection, with encoding/json's
// results.
//
// apigen copies this package's source, with its generated-file header, into
// the internal folder beside the API packages it writes.
package apigen
