package main

// `embedded-store --explain <file.sqlite>` prints, as one JSON document, SQLite's query plan
// for each statement FerretDB sends with an `_id` filter (see idindex.go), for every
// collection in the database file. `embedded-store --explain <file.sqlite> <statement>...`
// prints the plans of the given statements instead (the tests pass the SQL that FerretDB
// logged at debug level). The tests read it to prove that the extra index is used; an
// operator can run it on a copy of a store. It opens the file read-only, on a connection of
// its own, whose schema is always current (EXPLAIN on a connection that has not run a
// statement since another connection created an index would still show the old plan).

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"strings"
)

// explainedCollection is one collection and the plan of each statement by kind.
type explainedCollection struct {
	Name  string            `json:"name"`
	Table string            `json:"table"`
	Plans map[string]string `json:"plans"`
}

// idStatements are FerretDB v1.24.2's statements with an `_id` filter, by kind; %s is the
// quoted table name.
var idStatements = map[string]string{
	"select": `SELECT _ferretdb_sjson FROM %s WHERE ` + idExpression + ` = ?`,
	"update": `UPDATE %s SET _ferretdb_sjson = ? WHERE ` + idExpression + ` = ?`,
	"delete": `DELETE FROM %s WHERE ` + idExpression + ` IN (?)`,
}

// explainedStatement is one given statement and its plan.
type explainedStatement struct {
	SQL  string `json:"sql"`
	Plan string `json:"plan"`
}

func explain(file string, statements []string) error {
	if _, err := os.Stat(file); err != nil {
		return err
	}
	db, err := openExisting(file, "ro")
	if err != nil {
		return err
	}
	defer db.Close()
	ctx := context.Background()

	if len(statements) > 0 {
		plans := make([]explainedStatement, len(statements))
		for i, statement := range statements {
			plan, err := queryPlan(ctx, db, statement)
			if err != nil {
				return fmt.Errorf("%s: %w", statement, err)
			}
			plans[i] = explainedStatement{SQL: statement, Plan: plan}
		}
		return printJSON(map[string]any{"statements": plans})
	}

	rows, err := db.QueryContext(ctx, `SELECT name, table_name FROM _ferretdb_collections ORDER BY name`)
	if err != nil {
		return err
	}
	var collections []explainedCollection
	for rows.Next() {
		var c explainedCollection
		if err := rows.Scan(&c.Name, &c.Table); err != nil {
			rows.Close()
			return err
		}
		collections = append(collections, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}

	for i := range collections {
		c := &collections[i]
		c.Plans = map[string]string{}
		for kind, statement := range idStatements {
			plan, err := queryPlan(ctx, db, fmt.Sprintf(statement, quoteIdent(c.Table)))
			if err != nil {
				return fmt.Errorf("%s %s: %w", c.Name, kind, err)
			}
			c.Plans[kind] = plan
		}
	}
	return printJSON(map[string]any{"collections": collections})
}

func printJSON(v any) error {
	out := json.NewEncoder(os.Stdout)
	out.SetEscapeHTML(false) // keep "->" and "<expr>" readable
	return out.Encode(v)
}

// queryPlan returns the details of EXPLAIN QUERY PLAN joined with "; ",
// e.g. `SEARCH t USING INDEX t_baocao_id (<expr>=?)` or `SCAN t`.
func queryPlan(ctx context.Context, db *sql.DB, statement string) (string, error) {
	// The driver wants a value for every parameter; the plan does not depend on them.
	args := make([]any, strings.Count(statement, "?"))
	rows, err := db.QueryContext(ctx, "EXPLAIN QUERY PLAN "+statement, args...)
	if err != nil {
		return "", err
	}
	defer rows.Close()
	var details []string
	for rows.Next() {
		var id, parent, notUsed int
		var detail string
		if err := rows.Scan(&id, &parent, &notUsed, &detail); err != nil {
			return "", err
		}
		details = append(details, detail)
	}
	return strings.Join(details, "; "), rows.Err()
}
