// Command render renders this chart the way `helm template` does, for machines without helm: Go's text/template with
// the sprig function library (the one Helm uses) plus Helm's include, required, tpl and toYaml, values deep-merged from
// values.yaml and each -f file, and .Files.Get for files under the chart directory. It covers what this chart uses, not
// all of Helm (no other .Files functions, .Capabilities, lookup, subcharts or schema validation). Output: the manifests on stdout, NOTES.txt on stderr.
//
// Usage: go run . -chart .. [-f extra-values.yaml ...] [-name release] [-namespace ns]
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"text/template"

	"github.com/Masterminds/sprig/v3"
	"gopkg.in/yaml.v2"
)

type valueFiles []string

func (v *valueFiles) String() string     { return strings.Join(*v, ",") }
func (v *valueFiles) Set(s string) error { *v = append(*v, s); return nil }

func main() {
	chartDir := flag.String("chart", "..", "chart directory")
	name := flag.String("name", "release", "release name")
	namespace := flag.String("namespace", "default", "release namespace")
	var files valueFiles
	flag.Var(&files, "f", "values file merged over values.yaml (repeatable)")
	flag.Parse()

	if err := run(*chartDir, *name, *namespace, files); err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
}

func run(chartDir, name, namespace string, files []string) error {
	chart, err := readYaml(filepath.Join(chartDir, "Chart.yaml"))
	if err != nil {
		return err
	}
	values, err := readYaml(filepath.Join(chartDir, "values.yaml"))
	if err != nil {
		return err
	}
	for _, f := range files {
		extra, err := readYaml(f)
		if err != nil {
			return err
		}
		values = merge(values, extra)
	}

	root := template.New("chart")
	funcs := sprig.TxtFuncMap()
	delete(funcs, "env")
	delete(funcs, "expandenv")
	funcs["toYaml"] = toYaml
	funcs["required"] = func(msg string, v interface{}) (interface{}, error) {
		if v == nil || v == "" {
			return nil, fmt.Errorf("%s", msg)
		}
		return v, nil
	}
	funcs["include"] = func(tpl string, data interface{}) (string, error) {
		var buf bytes.Buffer
		err := root.ExecuteTemplate(&buf, tpl, data)
		return buf.String(), err
	}
	funcs["tpl"] = func(text string, data interface{}) (string, error) {
		t, err := root.Clone()
		if err != nil {
			return "", err
		}
		t, err = t.New("tpl").Parse(text)
		if err != nil {
			return "", err
		}
		var buf bytes.Buffer
		err = t.Execute(&buf, data)
		return buf.String(), err
	}
	root.Funcs(funcs).Option("missingkey=zero")

	paths, err := filepath.Glob(filepath.Join(chartDir, "templates", "*"))
	if err != nil {
		return err
	}
	sort.Strings(paths)
	for _, p := range paths {
		text, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if _, err := root.New(filepath.Base(p)).Parse(string(text)); err != nil {
			return err
		}
	}

	data := map[string]interface{}{
		"Values":  values,
		"Chart":   map[string]interface{}{"Name": chart["name"], "Version": chart["version"], "AppVersion": chart["appVersion"]},
		"Release": map[string]interface{}{"Name": name, "Namespace": namespace, "Service": "Helm"},
		"Files":   chartFiles(chartDir),
	}
	var notes string
	for _, p := range paths {
		base := filepath.Base(p)
		if strings.HasPrefix(base, "_") {
			continue
		}
		var buf bytes.Buffer
		if err := root.ExecuteTemplate(&buf, base, data); err != nil {
			return err
		}
		out := strings.ReplaceAll(buf.String(), "<no value>", "")
		if base == "NOTES.txt" {
			notes = out
			continue
		}
		if strings.TrimSpace(out) == "" {
			continue
		}
		fmt.Printf("---\n# Source: %s/templates/%s\n%s\n", chart["name"], base, strings.TrimSpace(out))
	}
	fmt.Fprint(os.Stderr, notes)
	return nil
}

// chartFiles is .Files: Get returns a file of the chart by its path relative to the chart directory, or "" when it does
// not exist (as Helm does).
type chartFiles string

func (dir chartFiles) Get(name string) string {
	text, err := os.ReadFile(filepath.Join(string(dir), filepath.FromSlash(name)))
	if err != nil {
		return ""
	}
	return string(text)
}

func readYaml(path string) (map[string]interface{}, error) {
	text, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var raw interface{}
	if err := yaml.Unmarshal(text, &raw); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	m, _ := normalize(raw).(map[string]interface{})
	if m == nil {
		m = map[string]interface{}{}
	}
	return m, nil
}

// normalize turns yaml.v2's map[interface{}]interface{} into map[string]interface{}, as Helm's values are.
func normalize(v interface{}) interface{} {
	switch t := v.(type) {
	case map[interface{}]interface{}:
		m := make(map[string]interface{}, len(t))
		for k, val := range t {
			m[fmt.Sprint(k)] = normalize(val)
		}
		return m
	case []interface{}:
		for i := range t {
			t[i] = normalize(t[i])
		}
		return t
	default:
		return v
	}
}

// merge overlays src on dst: maps merge key by key, anything else is replaced (Helm's coalescing of values files).
func merge(dst, src map[string]interface{}) map[string]interface{} {
	for k, v := range src {
		if sm, ok := v.(map[string]interface{}); ok {
			if dm, ok := dst[k].(map[string]interface{}); ok {
				dst[k] = merge(dm, sm)
				continue
			}
		}
		dst[k] = v
	}
	return dst
}

func toYaml(v interface{}) string {
	data, err := yaml.Marshal(v)
	if err != nil {
		return ""
	}
	return strings.TrimSuffix(string(data), "\n")
}
