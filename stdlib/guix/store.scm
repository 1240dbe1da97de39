;;; (guix store): connections to the store and the store monad.
;;;
;;; The bindings are written in Python (oscdsl/gexp/scheme.py) over the
;;; store of oscdsl/store/; `with-store' is core syntax.

(define-module (guix store)
  #:export (with-store))

(define* (store-lift* proc #:optional (name #f))
  "Return PROC, a procedure of a store and more arguments, as a procedure
returning a value of the store monad.  NAME is ignored."
  (store-lift proc))

(export store-lift*)
