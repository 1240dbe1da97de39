;;; Guix-style records: named-field constructors with defaults, inheritance,
;;; thunked, delayed, innate and sanitized fields.

(define-module (guix records)
  #:export (define-record-type*
            this-record
            match-record
            %current-construction-location))

;;; The forms are compiled by Python (oscdsl.os.records): they check field
;;; names at compile time, so that errors point at the offending field.
((python-ref (python-import "oscdsl.os") "install") (current-module) "records")
