// Package synth writes synthetic OpenAPI documents of Twilio-style
// resources for the scale benchmarks: each resource has the five operations
// of the Users APIs (list, create, fetch, update, delete), a SID-or-name
// path parameter, a form body, a list page with the shared meta and a
// resource schema with nullable SIDs, dates, a JSON string and links.
package synth

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Write writes api.yaml (n resources) and common.yaml into dir and returns
// the path of api.yaml. The common document is the project's own, passed
// in, so the synthetic one exercises the same shared components.
func Write(dir string, n int, common []byte) (string, error) {
	if err := os.WriteFile(filepath.Join(dir, "common.yaml"), common, 0o644); err != nil {
		return "", err
	}
	p := filepath.Join(dir, "api.yaml")
	return p, os.WriteFile(p, Document(n), 0o644)
}

// Document returns a document of n resources.
func Document(n int) []byte {
	var b strings.Builder
	b.WriteString(`openapi: 3.0.3
info:
  title: Synthetic API
  version: 1.0.0
  description: Synthetic Twilio-style resources for benchmarks.
  x-go-package: synthetic
servers:
  - url: https://synthetic.example.com
security:
  - basic: []
paths:
`)
	for i := range n {
		r := fmt.Sprintf("Thing%d", i)
		fmt.Fprintf(&b, `  /v1/Services/{ServiceSid}/%[1]ss:
    parameters:
      - $ref: '#/components/parameters/ServiceSid'
    get:
      operationId: List%[1]s
      summary: List %[1]s resources
      parameters:
        - {name: PageSize, in: query, schema: {type: integer, minimum: 1, maximum: 100, default: 50}}
        - $ref: 'common.yaml#/components/parameters/Page'
        - $ref: 'common.yaml#/components/parameters/PageToken'
      responses:
        "200":
          description: OK
          content:
            application/json:
              schema: {$ref: '#/components/schemas/%[1]sList'}
        "404": {$ref: 'common.yaml#/components/responses/NotFound'}
    post:
      operationId: Create%[1]s
      summary: Create a %[1]s
      parameters:
        - $ref: 'common.yaml#/components/parameters/WebhookEnabled'
      requestBody:
        required: true
        content:
          application/x-www-form-urlencoded:
            schema:
              type: object
              required: [UniqueName]
              properties:
                UniqueName: {type: string, description: A unique name.}
                FriendlyName: {type: string, description: A friendly name.}
                Attributes: {type: string, x-json-string: true, description: JSON attributes.}
                RoleSid: {$ref: 'common.yaml#/components/schemas/RoleSid'}
      responses:
        "201":
          description: Created
          content:
            application/json:
              schema: {$ref: '#/components/schemas/%[1]s'}
        "409": {$ref: 'common.yaml#/components/responses/Conflict'}
  /v1/Services/{ServiceSid}/%[1]ss/{Sid}:
    parameters:
      - $ref: '#/components/parameters/ServiceSid'
      - $ref: '#/components/parameters/SidOrName'
    get:
      operationId: Fetch%[1]s
      responses:
        "200":
          description: OK
          content:
            application/json:
              schema: {$ref: '#/components/schemas/%[1]s'}
        "404": {$ref: 'common.yaml#/components/responses/NotFound'}
    post:
      operationId: Update%[1]s
      requestBody:
        content:
          application/x-www-form-urlencoded:
            schema:
              type: object
              properties:
                FriendlyName: {type: string, description: A friendly name.}
                Attributes: {type: string, x-json-string: true, description: JSON attributes.}
      responses:
        "200":
          description: OK
          content:
            application/json:
              schema: {$ref: '#/components/schemas/%[1]s'}
    delete:
      operationId: Delete%[1]s
      responses:
        "204": {description: Deleted}
`, r)
	}
	b.WriteString(`components:
  securitySchemes:
    basic: {type: http, scheme: basic}
  parameters:
    ServiceSid:
      name: ServiceSid
      in: path
      required: true
      schema: {$ref: 'common.yaml#/components/schemas/ServiceSid'}
    SidOrName:
      name: Sid
      in: path
      required: true
      x-sid-or-identity: US
      schema: {type: string}
  schemas:
`)
	for i := range n {
		fmt.Fprintf(&b, `    Thing%[1]d:
      type: object
      description: A synthetic resource.
      properties:
        sid: {type: string, minLength: 34, maxLength: 34, pattern: '^US[0-9a-fA-F]{32}$', nullable: true, description: The SID.}
        account_sid: {type: string, pattern: '^AC[0-9a-fA-F]{32}$', nullable: true, description: The account.}
        service_sid: {type: string, pattern: '^IS[0-9a-fA-F]{32}$', nullable: true, description: The service.}
        unique_name: {type: string, nullable: true, description: The unique name.}
        friendly_name: {type: string, nullable: true, description: The friendly name.}
        attributes: {type: string, nullable: true, x-json-string: true, description: JSON attributes.}
        is_online: {type: boolean, nullable: true, description: Whether it is online.}
        date_created: {type: string, format: date-time, nullable: true, description: Created.}
        date_updated: {type: string, format: date-time, nullable: true, description: Updated.}
        count: {type: integer, default: 0, description: A count.}
        url: {type: string, format: uri, nullable: true, description: Its URL.}
        links: {type: object, format: uri-map, nullable: true, additionalProperties: {type: string, format: uri}, description: Related resources.}
    Thing%[1]dList:
      type: object
      required: [things, meta]
      properties:
        things:
          type: array
          items: {$ref: '#/components/schemas/Thing%[1]d'}
        meta: {$ref: 'common.yaml#/components/schemas/ListMeta'}
`, i)
	}
	return []byte(b.String())
}
