;;; (guix derivations): derivations, their outputs, and building them.
;;;
;;; The bindings are written in Python (oscdsl/gexp/scheme.py).

(define-module (guix derivations))

(define (derivation-output-names drv)
  "Return the names of the outputs of DRV."
  (map car (derivation-outputs drv)))

(export derivation-output-names)
