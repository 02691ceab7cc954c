module github.com/apigen-dev/apigen/generated

go 1.26.0
