;;; A first look at the language: a Guix-style record of a machine and a
;;; few of the list and string procedures configurations use.

(use-modules (srfi srfi-1) (srfi srfi-9) (ice-9 match) (ice-9 format))

(define-record-type <machine>
  (make-machine host-name services)
  machine?
  (host-name machine-host-name)
  (services machine-services))

(define %services
  '((ssh (port . 2222)) (web (port . 8080)) (ntp)))

(define machine (make-machine "demo" %services))

(define (describe-service service)
  (match service
    ((name ('port . port)) (format #f "~a on port ~a" name port))
    ((name) (format #f "~a" name))))

(for-each (lambda (line) (display line) (newline))
          (map describe-service (machine-services machine)))

(format #t "~a runs ~d services~%"
        (machine-host-name machine)
        (length (machine-services machine)))

(filter-map (match-lambda
              ((name ('port . port)) (and (> port 4000) name))
              (_ #f))
            (machine-services machine))
